import { useLiveQuery } from 'dexie-react-hooks';
import type { OrganisationRecord } from '../db/schema';
import { listOrganisations } from '../repositories/editReads';
import { useSignedIn } from './useSignedIn';

/** The organisations on the device, by name, live; `undefined` while loading. */
export function useOrganisationList(): OrganisationRecord[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listOrganisations(db), [db]);
}
