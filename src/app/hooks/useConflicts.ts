import { useCallback, useEffect, useState } from 'react';
import type { Conflict } from '../../core/sync/conflicts';
import { NetworkError } from '../api/errors';
import { useSignedIn } from './useSignedIn';

export interface ConflictsState {
  /** Null until loaded. */
  conflicts: Conflict[] | null;
  /** What failed: `network` when the server could not be reached, else its message. */
  error: { network: boolean; message: string } | null;
  restore: (id: string) => Promise<void>;
}

const failureOf = (error: unknown) => ({
  network: error instanceof NetworkError,
  message: error instanceof Error ? error.message : String(error),
});

/**
 * The server's conflict log of the user's projects (supervisors and admins). It lives on the server only,
 * so this needs the network; a restore is followed by a sync, which brings the restored value here.
 */
export function useConflicts(): ConflictsState {
  const { api, engine } = useSignedIn();
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<ConflictsState['error']>(null);

  const load = useCallback(async () => {
    try {
      setConflicts((await api.conflicts({ state: 'all' })).conflicts);
      setError(null);
    } catch (failure) {
      setError(failureOf(failure));
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const restore = useCallback(
    async (id: string) => {
      try {
        await api.restoreConflict(id);
      } catch (failure) {
        setError(failureOf(failure));
        return;
      }
      void engine.syncNow();
      await load();
    },
    [api, engine, load],
  );

  return { conflicts, error, restore };
}
