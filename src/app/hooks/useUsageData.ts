import { useLiveQuery } from 'dexie-react-hooks';
import { loadUsageData, type UsageData } from '../repositories/usageData';
import { useSignedIn } from './useSignedIn';

/** The device's submissions and reviews for the use-of-the-database page, live; undefined while loading. */
export function useUsageData(): UsageData | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => loadUsageData(db), [db]);
}
