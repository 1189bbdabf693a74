import type { ClientInfo } from '../http/clientInfo';
import type { Storage } from '../storage/Storage';
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  addFailure,
  lockRemainingMs,
  retryAfterSeconds,
  type ThrottleState,
} from './throttlePolicy';

/**
 * Sign-in throttling (docs/security.md): failures are counted per account and per network address in the
 * database, so every server process on one PostgreSQL sees the same locks. A locked sign-in is refused before
 * any password is verified (no argon2 spent), whatever the password.
 *
 * An attempt on an account is counted *before* its password is checked (a reservation), and uncounted by its
 * success: otherwise a burst of concurrent attempts would all pass the check before the first failure is
 * written, and get as many guesses as requests. The address is counted after a failure only: successes from
 * a team's shared address must not count, and the address limit is a coarse backstop.
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
  | {
      admitted: true;
      /** The lock this attempt's reservation started (ms), if it did. */ accountLockedMs: number | null;
    }
  | { admitted: false; scope: 'account' | 'address'; state: ThrottleState; retryAfterSeconds: number };

function refusal(
  states: [scope: 'account' | 'address', state: ThrottleState | undefined][],
  now: Date,
): Admission | undefined {
  let worst: Admission | undefined;
  for (const [scope, state] of states) {
    const remaining = lockRemainingMs(state, now);
    if (!state || remaining === 0) continue;
    const seconds = retryAfterSeconds(remaining);
    if (!worst || (!worst.admitted && seconds > worst.retryAfterSeconds))
      worst = { admitted: false, scope, state, retryAfterSeconds: seconds };
  }
  return worst;
}

/** Refuses a locked account or address; otherwise counts the attempt on the account and admits it. */
export async function admitSignIn(storage: Storage, keys: SignInKeys, now: Date): Promise<Admission> {
  // A plain read first: a locked sign-in (an attacker's flood) then writes nothing at all.
  const found = await storage.signInThrottle.get(
    keys.address ? [keys.account, keys.address] : [keys.account],
  );
  const byKey = new Map(found.map((s) => [s.key, s]));
  const address = keys.address ? byKey.get(keys.address) : undefined;
  const early = refusal(
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
    const locked = refusal([['account', account]], now);
    if (locked) return locked;
    const { state, lockedMs } = addFailure(account, ACCOUNT_THROTTLE, now);
    await tx.signInThrottle.put(state);
    return { admitted: true, accountLockedMs: lockedMs };
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
  if (state.refusalAudited || !state.lockedUntil) return;
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

/** Counts a failure on the address (the account's was counted on admission) and audits it. */
export async function recordSignInFailure(
  storage: Storage,
  failure: {
    keys: SignInKeys;
    username: string;
    userId: string | null;
    reason: FailureReason;
    accountLockedMs: number | null;
    client: ClientInfo;
  },
  now: Date,
): Promise<void> {
  const { keys } = failure;
  await storage.transaction(async (tx) => {
    const locked: { account?: number; address?: number } = {};
    if (failure.accountLockedMs !== null) locked.account = failure.accountLockedMs / 1000;
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
export async function recordSignInSuccess(storage: Storage, keys: SignInKeys): Promise<void> {
  await storage.signInThrottle.delete(keys.account);
}
