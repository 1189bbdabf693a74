import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewTarget } from '../../core/records/reviewEvent';
import { listReviewHistory, type ReviewHistoryEntry } from '../repositories/reviewEvents';
import { useSignedIn } from './useSignedIn';

/**
 * The review history of these records (a submission, or an indicator's values), newest first, as stored on
 * the device and updated live: `undefined` while loading.
 */
export function useReviewHistory(
  table: ReviewTarget,
  targetIds: readonly string[],
): ReviewHistoryEntry[] | undefined {
  const { db } = useSignedIn();
  const key = targetIds.join('\n');
  return useLiveQuery(
    () => listReviewHistory(db, table, key === '' ? [] : key.split('\n')),
    [db, table, key],
  );
}
