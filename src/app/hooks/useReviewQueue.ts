import { useLiveQuery } from 'dexie-react-hooks';
import type { IndicatorRecord } from '../db/schema';
import { listReviewQueue, type ReviewQueueItem } from '../repositories/reviewQueue';
import { useSignedIn } from './useSignedIn';

export interface ReviewQueue {
  items: ReviewQueueItem[];
  /** The indicators the queued values are of, by id, for their titles. */
  indicators: Map<string, IndicatorRecord>;
}

/** What waits for the signed-in focal point's review, oldest first, live and offline. */
export function useReviewQueue(): ReviewQueue | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const items = await listReviewQueue(db);
    const ids = [
      ...new Set(items.flatMap((i) => (i.kind === 'indicatorValue' ? [i.value.indicatorId] : []))),
    ];
    const found = await db.indicators.bulkGet(ids);
    return { items, indicators: new Map(found.flatMap((i) => (i ? [[i.id, i] as const] : []))) };
  }, [db]);
}
