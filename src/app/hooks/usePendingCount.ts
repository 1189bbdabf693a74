import { useLiveQuery } from 'dexie-react-hooks';
import { countPending } from '../repositories/outbox';
import { useSignedIn } from './useSignedIn';

/** How many local changes still wait to be sent. */
export function usePendingCount(): number | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => countPending(db), [db]);
}
