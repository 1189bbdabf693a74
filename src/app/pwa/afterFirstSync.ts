import type { SyncStatus } from '../sync/status';

interface Watched {
  getStatus(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
}

/**
 * Calls `then` once, when the sync running at sign-in (or at start) has ended, well or not, or after
 * `atMostMs`, whichever comes first (no sync seen at all: a tab that another tab syncs for). The app registers its service
 * worker this way (AppShell): the precache downloads the whole app, close to a megabyte, and on a 3G link
 * it would otherwise share the line with the first pull, which the survey list waits for. Returns a
 * function that cancels.
 */
export function afterFirstSync(
  engine: Watched,
  then: () => void,
  atMostMs = 20_000,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
): () => void {
  let done = false;
  let seenSyncing = engine.getStatus().phase === 'syncing';
  const finish = (): void => {
    if (done) return;
    done = true;
    unsubscribe();
    timers.clearTimeout(timer);
    then();
  };
  const unsubscribe = engine.subscribe((status) => {
    if (status.phase === 'syncing') seenSyncing = true;
    else if (seenSyncing) finish();
  });
  const timer = timers.setTimeout(finish, atMostMs);
  return () => {
    done = true;
    unsubscribe();
    timers.clearTimeout(timer);
  };
}
