import { useLiveQuery } from 'dexie-react-hooks';
import type { OutboxEntry } from '../db/schema';
import { listRejected } from '../repositories/outbox';
import { useSignedIn } from './useSignedIn';

/** Mutations the server refused, waiting for the user to resend or discard them. */
export function useRejected(): OutboxEntry[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listRejected(db), [db]);
}
