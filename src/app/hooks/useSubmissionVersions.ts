import { useLiveQuery } from 'dexie-react-hooks';
import { listVersions, type VersionEntry } from '../repositories/submissionVersions';
import { useSignedIn } from './useSignedIn';

/** Every version of the submission `id` on this device, oldest first; `undefined` while loading. */
export function useSubmissionVersions(id: string): VersionEntry[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listVersions(db, id), [db, id]);
}
