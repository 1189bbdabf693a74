import { useCallback } from 'react';
import type { ProjectRecord } from '../db/schema';
import { saveProject, type ProjectChange } from '../repositories/projectEdits';
import { useSignedIn } from './useSignedIn';

/** Saves a project (new when `id` is null) on the device as the signed-in user, then starts a sync. */
export function useSaveProject() {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  return useCallback(
    async (id: string | null, change: ProjectChange, seen?: ProjectRecord) => {
      const saved = await saveProject(db, id, change, role, new Date(), seen);
      void engine.syncNow();
      return saved;
    },
    [db, engine, role],
  );
}
