import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Conflict } from '../../core/sync/conflicts';
import { createApiClient } from '../api/client';
import { useSignedIn } from './useSignedIn';

export interface ConflictsState {
  /** Null until loaded. */
  conflicts: Conflict[] | null;
  error: string | null;
  restore: (id: string) => Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The server's conflict log of the user's projects (supervisors and admins). It lives on the server only,
 * so this needs the network; a restore is followed by a sync, which brings the restored value here.
 */
export function useConflicts(): ConflictsState {
  const { session, engine } = useSignedIn();
  const token = session.token;
  const api = useMemo(() => createApiClient({ getToken: () => token }), [token]);
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setConflicts((await api.conflicts({ state: 'all' })).conflicts);
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
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
        setError(messageOf(failure));
        return;
      }
      void engine.syncNow();
      await load();
    },
    [api, engine, load],
  );

  return { conflicts, error, restore };
}
