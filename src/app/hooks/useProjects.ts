import { useLiveQuery } from 'dexie-react-hooks';
import type { ProjectRecord } from '../db/schema';
import { listProjects } from '../repositories/forms';
import { useSignedIn } from './useSignedIn';

export function useProjects(): ProjectRecord[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listProjects(db), [db]);
}
