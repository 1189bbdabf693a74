import { useLiveQuery } from 'dexie-react-hooks';
import type { FormRecord } from '../db/schema';
import { getFormVersion } from '../repositories/forms';
import { useSignedIn } from './useSignedIn';

/** One form version of a project: `undefined` while loading, `null` if it is not on the device. */
export function useFormVersion(
  projectId: string | undefined,
  formId: string | undefined,
  version: string | undefined,
): FormRecord | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(
    async () =>
      projectId && formId && version
        ? ((await getFormVersion(db, projectId, formId, version)) ?? null)
        : null,
    [db, projectId, formId, version],
  );
}
