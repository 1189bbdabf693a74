import { useLiveQuery } from 'dexie-react-hooks';
import { listProjectFormVersions, type FormWithVersions } from '../repositories/formVersions';
import { useSignedIn } from './useSignedIn';

/** The project's forms and their versions on the device, live: a sync after publishing adds the new one. */
export function useProjectFormVersions(projectId: string | null): FormWithVersions[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(
    () => (projectId ? listProjectFormVersions(db, projectId) : Promise.resolve([])),
    [db, projectId],
  );
}
