import { useLiveQuery } from 'dexie-react-hooks';
import type { FormRecord } from '../db/schema';
import { listLatestForms } from '../repositories/forms';
import { useSignedIn } from './useSignedIn';

/** The latest version of every form on the device. */
export function useLatestForms(): FormRecord[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listLatestForms(db), [db]);
}
