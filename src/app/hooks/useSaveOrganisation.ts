import { useCallback } from 'react';
import type { OrganisationRecord } from '../db/schema';
import { saveOrganisation, type OrganisationChange } from '../repositories/organisationEdits';
import { useSignedIn } from './useSignedIn';

/** Saves an organisation (new when `id` is null) on the device as the signed-in user, then starts a sync. */
export function useSaveOrganisation() {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  return useCallback(
    async (id: string | null, change: OrganisationChange, seen?: OrganisationRecord) => {
      const saved = await saveOrganisation(db, id, change, role, new Date(), seen);
      void engine.syncNow();
      return saved;
    },
    [db, engine, role],
  );
}
