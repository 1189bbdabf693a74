import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewStatus } from '../../core/records/review';
import { useSignedIn } from './useSignedIn';

/** The review status of each of these submissions (null: not reviewed, or withdrawn), live. */
export function useReviewStatuses(submissionIds: readonly string[]): Map<string, ReviewStatus | null> {
  const { db } = useSignedIn();
  const key = submissionIds.join('\u0000');
  const statuses = useLiveQuery(async () => {
    const ids = key ? key.split('\u0000') : [];
    const reviews = await db.reviews.bulkGet(ids);
    return new Map(ids.map((id, i) => [id, reviews[i] && !reviews[i].deleted ? reviews[i].status : null]));
  }, [db, key]);
  return statuses ?? new Map<string, ReviewStatus | null>();
}
