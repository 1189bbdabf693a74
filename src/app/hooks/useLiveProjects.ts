import { useLiveQuery } from 'dexie-react-hooks';
import type { ProjectRecord } from '../db/schema';
import { listLiveProjects } from '../repositories/editReads';
import { useSignedIn } from './useSignedIn';

/** The projects on the device (deleted ones apart), live; `undefined` while loading. */
export function useLiveProjects(): ProjectRecord[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listLiveProjects(db), [db]);
}
