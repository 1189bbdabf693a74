import { useLiveQuery } from 'dexie-react-hooks';
import { countUnsynced, type UnsyncedCounts } from '../repositories/unsynced';
import { useSignedIn } from './useSignedIn';

/** What an export would carry right now: pending and rejected changes, and drafts. */
export function useUnsyncedCounts(): UnsyncedCounts | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => countUnsynced(db), [db]);
}
