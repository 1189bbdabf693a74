import { useMemo } from 'react';
import { discardRejected, resendRejected } from '../repositories/rejected';
import { useSignedIn } from './useSignedIn';

/** Resend or deliberately discard a mutation the server refused; resending also starts a sync. */
export function useOutboxActions() {
  const { db, engine } = useSignedIn();
  return useMemo(
    () => ({
      resend: async (seq: number) => {
        await resendRejected(db, seq);
        void engine.syncNow();
      },
      discard: (seq: number) => discardRejected(db, seq),
    }),
    [db, engine],
  );
}
