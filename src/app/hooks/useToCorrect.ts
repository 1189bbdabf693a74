import { useLiveQuery } from 'dexie-react-hooks';
import { listToCorrect, type ToCorrect } from '../repositories/toCorrect';
import { useSignedIn } from './useSignedIn';

/** The user's flagged or rejected submissions waiting for a correction, live (undefined while loading). */
export function useToCorrect(): ToCorrect[] | undefined {
  const { db, session } = useSignedIn();
  return useLiveQuery(() => listToCorrect(db, session.user.id), [db, session.user.id]);
}
