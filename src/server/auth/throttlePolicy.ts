/**
 * How many failed sign-ins an account or a network address may have before it is locked, and for how long
 * (docs/security.md, "Sign-in throttling"). Pure: the state lives in the `sign_in_throttle` table
 * (src/server/storage/KyselySignInThrottleOps.ts) and src/server/auth/signInThrottle.ts moves it.
 */

export interface ThrottlePolicy {
  /** Failures within `windowMs` of each other that start a lock. */
  maxFailures: number;
  /** A failure this long after the previous one starts the count again. */
  windowMs: number;
  /** The first lock; each further one doubles, up to `maxLockMs`. */
  firstLockMs: number;
  maxLockMs: number;
  /** After this long without a failure the locks are forgotten: the next one is short again. */
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Per account (by the username typed, whether it exists or not): 5 failures lock it for 1 minute, then 2, 4,
 * 8… up to an hour. An online guesser gets about 5 tries an hour; a person who mistypes gets a minute's
 * pause. A success forgets the failures and the locks.
 */
export const ACCOUNT_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  firstLockMs: MINUTE,
  maxLockMs: HOUR,
  forgetAfterMs: 24 * HOUR,
};

/**
 * Per network address: generous, since a whole field team signs in from one base's NAT address (and one
 * success there proves nothing about the others, so successes do not reset it). 50 failures within 15
 * minutes of each other lock the address for 1 minute, doubling up to an hour: a guesser spreading
 * attempts over many usernames from one address is slowed the same way.
 */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  maxFailures: 50,
  windowMs: 15 * MINUTE,
  firstLockMs: MINUTE,
  maxLockMs: HOUR,
  forgetAfterMs: 24 * HOUR,
};

/**
 * Sign-ins of one account checked at the same time, at most: a burst of concurrent guesses would otherwise all
 * be checked before the first failure is counted. A person signing in on several tablets at once stays far
 * below it; an attacker's burst gets at most `maxFailures + MAX_IN_FLIGHT - 1` guesses before the lock.
 */
export const MAX_IN_FLIGHT = 10;
/** An attempt in flight longer than this died with its process: it no longer counts. */
export const IN_FLIGHT_TIMEOUT_MS = 30_000;

/** One row of `sign_in_throttle`. */
export interface ThrottleState {
  /** `account:<username, lowercased>` or `address:<ip>`. */
  key: string;
  /** Failures counted since the last lock (or since the window restarted). */
  failures: number;
  /** Locks so far (the next one lasts `firstLockMs × 2^level`). */
  level: number;
  /** ISO time of the last failure (or of the row's creation). */
  lastFailureAt: string;
  lockedUntil: string | null;
  /** Whether a sign-in refused by the current lock has been audited (one entry per lock). */
  refusalAudited: boolean;
  /** Accounts only: attempts being checked now, as of `pendingAt` (see MAX_IN_FLIGHT). */
  pending: number;
  pendingAt: string | null;
}

/** A key's state before any failure. */
export function freshThrottle(key: string, now: Date): ThrottleState {
  return {
    key,
    failures: 0,
    level: 0,
    lastFailureAt: now.toISOString(),
    lockedUntil: null,
    refusalAudited: false,
    pending: 0,
    pendingAt: null,
  };
}

/** Attempts in flight now (those older than IN_FLIGHT_TIMEOUT_MS are forgotten). */
export function inFlight(state: ThrottleState, now: Date): number {
  if (state.pendingAt === null || now.getTime() - Date.parse(state.pendingAt) >= IN_FLIGHT_TIMEOUT_MS)
    return 0;
  return state.pending;
}

/** One more attempt in flight. */
export function reserveAttempt(state: ThrottleState, now: Date): ThrottleState {
  return { ...state, pending: inFlight(state, now) + 1, pendingAt: now.toISOString() };
}

/** One attempt less in flight (it failed; a success deletes the row). */
export function releaseAttempt(state: ThrottleState, now: Date): ThrottleState {
  return { ...state, pending: Math.max(0, inFlight(state, now) - 1) };
}

/** Milliseconds left of the state's lock; 0 when it is not locked. */
export function lockRemainingMs(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Date.parse(state.lockedUntil) - now.getTime());
}

/** The lock after `level` earlier ones: doubling from the first, capped. */
export function lockDurationMs(level: number, policy: ThrottlePolicy): number {
  return Math.min(policy.firstLockMs * 2 ** Math.min(level, 30), policy.maxLockMs);
}

/**
 * The state after one more failure at `now`, and the lock it starts (ms), if it starts one. A lock begins
 * when the count reaches `maxFailures`; the count then starts again from zero.
 */
export function addFailure(
  state: ThrottleState,
  policy: ThrottlePolicy,
  now: Date,
): { state: ThrottleState; lockedMs: number | null } {
  const quietMs = now.getTime() - Date.parse(state.lastFailureAt);
  const level = quietMs > policy.forgetAfterMs ? 0 : state.level;
  const failures = (quietMs > policy.windowMs ? 0 : state.failures) + 1;
  const at = now.toISOString();
  if (failures < policy.maxFailures) {
    return { state: { ...state, failures, level, lastFailureAt: at }, lockedMs: null };
  }
  const lockedMs = lockDurationMs(level, policy);
  return {
    state: {
      ...state,
      failures: 0,
      level: Math.min(level + 1, 64),
      lastFailureAt: at,
      lockedUntil: new Date(now.getTime() + lockedMs).toISOString(),
      refusalAudited: false,
    },
    lockedMs,
  };
}

/** Seconds to announce in Retry-After: whole seconds, rounded up, at least 1. */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}
