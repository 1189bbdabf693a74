import { useCallback } from 'react';
import type { OrganisationRecord } from '../db/schema';
import { deleteOrganisation } from '../repositories/organisationEdits';
import { useSignedIn } from './useSignedIn';

/** Deletes an organisation on the device as the signed-in user, then starts a sync. */
export function useDeleteOrganisation() {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  return useCallback(
    async (organisation: OrganisationRecord) => {
      await deleteOrganisation(db, organisation.id, role, new Date(), organisation);
      void engine.syncNow();
    },
    [db, engine, role],
  );
}
