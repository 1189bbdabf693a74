import type { ClientInfo } from '../http/clientInfo';
import type { Storage, StorageOps } from '../storage/Storage';
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  addFailure,
  inFlight,
  lockRemainingMs,
  MAX_IN_FLIGHT,
  releaseAttempt,
  reserveAttempt,
  retryAfterSeconds,
  type ThrottleState,
} from './throttlePolicy';

/**
 * Sign-in throttling (docs/security.md): failures are counted per account and per network address in the
 * database, so every server process on one PostgreSQL sees the same locks. A locked sign-in is refused before
 * any password is verified (no argon2 spent), whatever the password.
 *
 * Failures are counted once they are known, so concurrent correct sign-ins of one user never count; what a
 * burst of concurrent guesses could gain meanwhile is bounded by the attempts an account may have in flight
 * (MAX_IN_FLIGHT), which admission counts under the account row's lock.
 */

export interface SignInKeys {
  /** By the username typed, lowercased, whether it exists or not: throttling tells nobody which do. */
  account: string;
  address: string | null;
}

export function signInKeys(username: string, address: string | null): SignInKeys {
  return { account: `account:${username.toLowerCase()}`, address: address ? `address:${address}` : null };
}

export type Admission =
  | { admitted: true }
  | {
      admitted: false;
      /** Locked, or too many attempts of the account in flight (a burst: try again in a second). */
      reason: 'locked' | 'busy';
      scope: 'account' | 'address';
      state: ThrottleState;
      retryAfterSeconds: number;
    };

function lockRefusal(
  states: [scope: 'account' | 'address', state: ThrottleState | undefined][],
  now: Date,
): Admission | undefined {
  let worst: Extract<Admission, { admitted: false }> | undefined;
  for (const [scope, state] of states) {
    const remaining = lockRemainingMs(state, now);
    if (!state || remaining === 0) continue;
    const seconds = retryAfterSeconds(remaining);
    if (!worst || seconds > worst.retryAfterSeconds)
      worst = { admitted: false, reason: 'locked', scope, state, retryAfterSeconds: seconds };
  }
  return worst;
}

/** Refuses a locked account or address, or a burst on one account; otherwise admits one more attempt. */
export async function admitSignIn(storage: Storage, keys: SignInKeys, now: Date): Promise<Admission> {
  // A plain read first: a locked sign-in (an attacker's flood) then writes nothing at all.
  const found = await storage.signInThrottle.get(
    keys.address ? [keys.account, keys.address] : [keys.account],
  );
  const byKey = new Map(found.map((s) => [s.key, s]));
  const address = keys.address ? byKey.get(keys.address) : undefined;
  const early = lockRefusal(
    [
      ['account', byKey.get(keys.account)],
      ['address', address],
    ],
    now,
  );
  if (early) return early;
  return storage.transaction(async (tx) => {
    const account = await tx.signInThrottle.lock(keys.account, now);
    // A concurrent attempt may have started a lock since the read.
    const locked = lockRefusal([['account', account]], now);
    if (locked) return locked;
    if (inFlight(account, now) >= MAX_IN_FLIGHT)
      return { admitted: false, reason: 'busy', scope: 'account', state: account, retryAfterSeconds: 1 };
    await tx.signInThrottle.put(reserveAttempt(account, now));
    return { admitted: true };
  });
}

/** Audits a refused sign-in, once per lock: a flood of refused attempts must not flood the audit log. */
export async function auditRefusal(
  storage: Storage,
  refused: Extract<Admission, { admitted: false }>,
  username: string,
  client: ClientInfo,
  now: Date,
): Promise<void> {
  const { state } = refused;
  if (refused.reason !== 'locked' || state.refusalAudited || !state.lockedUntil) return;
  const lockedUntil = state.lockedUntil;
  await storage.transaction(async (tx) => {
    if (!(await tx.signInThrottle.markRefusalAudited(state.key, lockedUntil))) return;
    await tx.audit({
      at: now.toISOString(),
      userId: null,
      action: 'auth.throttled',
      tbl: null,
      recordId: null,
      ...client,
      details: { username, scope: refused.scope, retryAfterSeconds: refused.retryAfterSeconds },
    });
  });
}

export type FailureReason = 'unknown_user' | 'wrong_password' | 'disabled';

/** Counts a failure on the account and the address (either may start a lock) and audits it. */
export async function recordSignInFailure(
  storage: Storage,
  failure: {
    keys: SignInKeys;
    username: string;
    userId: string | null;
    reason: FailureReason;
    client: ClientInfo;
  },
  now: Date,
): Promise<void> {
  const { keys } = failure;
  await storage.transaction(async (tx) => {
    const locked: { account?: number; address?: number } = {};
    // The account's row first, then the address's: every transaction takes them in that order.
    const account = releaseAttempt(await tx.signInThrottle.lock(keys.account, now), now);
    const counted = addFailure(account, ACCOUNT_THROTTLE, now);
    await tx.signInThrottle.put(counted.state);
    if (counted.lockedMs !== null) locked.account = counted.lockedMs / 1000;
    if (keys.address) {
      const { state, lockedMs } = addFailure(
        await tx.signInThrottle.lock(keys.address, now),
        ADDRESS_THROTTLE,
        now,
      );
      await tx.signInThrottle.put(state);
      if (lockedMs !== null) locked.address = lockedMs / 1000;
    }
    await tx.audit({
      at: now.toISOString(),
      userId: null,
      action: 'auth.login_failed',
      tbl: failure.userId ? 'users' : null,
      recordId: failure.userId,
      ...failure.client,
      details: {
        username: failure.username,
        reason: failure.reason,
        ...(Object.keys(locked).length > 0 ? { locked } : {}),
      },
    });
  });
  // Outside the transaction: two prunes racing over the same old rows could deadlock each other on
  // PostgreSQL, and a prune that fails is harmless (the next failure prunes again).
  const before = new Date(
    now.getTime() - Math.max(ACCOUNT_THROTTLE.forgetAfterMs, ADDRESS_THROTTLE.forgetAfterMs),
  );
  await storage.signInThrottle.prune(before.toISOString(), now.toISOString()).catch(() => undefined);
}

/** A success forgets the account's failures and locks (never the address's: see ADDRESS_THROTTLE). */
export async function recordSignInSuccess(storage: StorageOps, keys: SignInKeys): Promise<void> {
  await storage.signInThrottle.delete(keys.account);
}
