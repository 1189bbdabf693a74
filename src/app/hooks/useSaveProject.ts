import { useCallback } from 'react';
import { saveProject, type ProjectChange } from '../repositories/projectEdits';
import { useSignedIn } from './useSignedIn';

/** Saves a project (new when `id` is null) on the device as the signed-in user, then starts a sync. */
export function useSaveProject() {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  return useCallback(
    async (id: string | null, change: ProjectChange) => {
      const saved = await saveProject(db, id, change, role);
      void engine.syncNow();
      return saved;
    },
    [db, engine, role],
  );
}
