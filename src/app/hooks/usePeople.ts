import { useLiveQuery } from 'dexie-react-hooks';
import { peopleById, type Person } from '../repositories/members';
import { useSignedIn } from './useSignedIn';

const NONE = new Map<string, Person>();

/** The people of the user's projects, by account id, live (empty while loading). */
export function usePeople(): Map<string, Person> {
  const { db } = useSignedIn();
  return useLiveQuery(() => peopleById(db), [db]) ?? NONE;
}
