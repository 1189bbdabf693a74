import { useCallback } from 'react';
import type { IndicatorRecord } from '../db/schema';
import { saveIndicator, type IndicatorChange } from '../repositories/indicatorEdits';
import { useSignedIn } from './useSignedIn';

/** Saves an indicator of a project (new when `id` is null) as the signed-in user, then starts a sync. */
export function useSaveIndicator() {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  return useCallback(
    async (projectId: string, id: string | null, change: IndicatorChange, seen?: IndicatorRecord) => {
      const saved = await saveIndicator(db, projectId, id, change, role, new Date(), seen);
      void engine.syncNow();
      return saved;
    },
    [db, engine, role],
  );
}
