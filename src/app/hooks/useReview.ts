import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewRecord } from '../db/schema';
import { getReview } from '../repositories/reviews';
import { useSignedIn } from './useSignedIn';

/** A submission's review as shown on this device: `undefined` while loading, `null` when there is none. */
export function useReview(submissionId: string): ReviewRecord | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => (await getReview(db, submissionId)) ?? null, [db, submissionId]);
}
