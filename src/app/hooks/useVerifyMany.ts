import { useCallback } from 'react';
import { verifyMany, type VerifyOutcome } from '../repositories/verifyMany';
import { useSignedIn } from './useSignedIn';

/** Verifies several submissions on the device as the signed-in user, then starts one sync to send them. */
export function useVerifyMany() {
  const { db, engine, session } = useSignedIn();
  return useCallback(
    async (submissions: readonly { id: string; projectId: string }[]): Promise<VerifyOutcome> => {
      const outcome = await verifyMany(db, submissions, session.user.role);
      if (outcome.verified > 0) void engine.syncNow();
      return outcome;
    },
    [db, engine, session.user.role],
  );
}
