import { useLiveQuery } from 'dexie-react-hooks';
import type { FormRecord } from '../db/schema';
import { getFormVersion } from '../repositories/forms';
import { useSignedIn } from './useSignedIn';

/** One form version: `undefined` while loading, `null` if it is not on the device. */
export function useFormVersion(
  formId: string | undefined,
  version: string | undefined,
): FormRecord | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(
    async () => (formId && version ? ((await getFormVersion(db, formId, version)) ?? null) : null),
    [db, formId, version],
  );
}
