/**
 * The part of the Web Locks API (`navigator.locks`) the engine uses. Every tab of the app shares one
 * IndexedDB database per user, so two tabs pushing at once would send the same outbox twice; the server
 * would answer `duplicate`, but the bytes and the waiting are wasted on a slow link. A lock per user keeps
 * one sync at a time across tabs.
 */
export interface SyncLocks {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/** The browser's lock manager; null where there is none (old browsers, Node): syncs then run unlocked. */
export function browserLocks(): SyncLocks | null {
  const navigator = globalThis.navigator as { locks?: SyncLocks } | undefined;
  return navigator?.locks ?? null;
}

export function syncLockName(userId: string): string {
  return `terrain-sync-${userId}`;
}

/** What became of a sync asked for while the lock may be held elsewhere. */
export type LockOutcome = 'ran' | 'busy';

/**
 * Runs `task` under the user's sync lock if it is free at once; 'busy' if another tab holds it. Where the
 * lock cannot be used at all, `task` runs unlocked: a sync with no lock is the old behaviour, no lock-up.
 */
export async function runIfFree(
  locks: SyncLocks | null,
  name: string,
  task: () => Promise<void>,
): Promise<LockOutcome> {
  if (!locks) {
    await task();
    return 'ran';
  }
  let ran = false;
  try {
    await locks.request(name, { ifAvailable: true }, async (lock) => {
      if (!lock) return;
      ran = true;
      await task();
    });
  } catch (error) {
    if (ran) throw error;
    await task();
    return 'ran';
  }
  return ran ? 'ran' : 'busy';
}

/** Waits for the lock, then runs `task` under it. Rejects with an AbortError if `signal` aborts first. */
export async function runWhenFree(
  locks: SyncLocks,
  name: string,
  signal: AbortSignal,
  task: () => Promise<void>,
): Promise<void> {
  await locks.request(name, { signal }, () => task());
}
