import type { ThrottleState } from '../auth/throttlePolicy';

/**
 * The sign-in throttle's rows (src/server/auth/signInThrottle.ts). Kept in the database, not in memory, so
 * that every server process on one PostgreSQL sees the same counts and locks.
 */
export interface SignInThrottleOps {
  /** The rows among `keys` that exist (in no particular order). */
  get(keys: readonly string[]): Promise<ThrottleState[]>;
  /**
   * The key's row, created fresh at `now` if missing, locked until the transaction ends (PostgreSQL: the
   * upsert's row lock; SQLite serializes writers), so that two concurrent sign-ins never count from one state.
   */
  lock(key: string, now: Date): Promise<ThrottleState>;
  put(state: ThrottleState): Promise<void>;
  delete(key: string): Promise<void>;
  /** Marks the refusal of the lock ending at `lockedUntil` as audited; false when it already was. */
  markRefusalAudited(key: string, lockedUntil: string): Promise<boolean>;
  /** Deletes the rows whose last failure is older than `before` and that hold no lock at `now`. */
  prune(before: string, now: string): Promise<void>;
}
