import { useCallback } from 'react';
import { saveReview, type ReviewChange } from '../repositories/reviews';
import { useSignedIn } from './useSignedIn';

/** Saves a change of a submission's review on the device, then starts a sync to send it. */
export function useSaveReview() {
  const { db, engine } = useSignedIn();
  return useCallback(
    async (submission: { id: string; projectId: string }, change: ReviewChange) => {
      await saveReview(db, submission, change);
      void engine.syncNow();
    },
    [db, engine],
  );
}
