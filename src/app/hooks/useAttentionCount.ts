import { useLiveQuery } from 'dexie-react-hooks';
import { countRejected } from '../repositories/outbox';
import { countToCorrect } from '../repositories/toCorrect';
import { useSignedIn } from './useSignedIn';

/**
 * What the "À corriger" page holds, for the header's badge: the user's submissions a reviewer sent back,
 * and the changes the server refused. Live; 0 while loading.
 */
export function useAttentionCount(): number {
  const { db, session } = useSignedIn();
  const count = useLiveQuery(
    async () => (await countToCorrect(db, session.user.id)) + (await countRejected(db)),
    [db, session.user.id],
  );
  return count ?? 0;
}
