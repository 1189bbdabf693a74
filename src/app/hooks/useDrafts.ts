import { useLiveQuery } from 'dexie-react-hooks';
import type { DraftRecord } from '../db/schema';
import { listDrafts } from '../repositories/drafts';
import { useSignedIn } from './useSignedIn';

/** Drafts, newest edit first; undefined while loading. */
export function useDrafts(): DraftRecord[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listDrafts(db), [db]);
}
