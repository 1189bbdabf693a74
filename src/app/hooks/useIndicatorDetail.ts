import { useLiveQuery } from 'dexie-react-hooks';
import { loadIndicatorDetail, type IndicatorDetail } from '../repositories/coordinationDetail';
import { useSignedIn } from './useSignedIn';

export type { IndicatorDetail };

/** An indicator and its values, live: `undefined` while loading, `null` when it is not on the device. */
export function useIndicatorDetail(id: string): IndicatorDetail | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => loadIndicatorDetail(db, id), [db, id]);
}
