import { useMemo } from 'react';
import type { FormRecord } from '../db/schema';
import { deleteDraft, finalizeDraft, startDraft } from '../repositories/drafts';
import { deviceId } from '../state/deviceId';
import { useSignedIn } from './useSignedIn';

/**
 * Start (with its initial answers: start, today, username, deviceid…; written with the first answer), delete
 * and finalize drafts.
 */
export function useDraftActions() {
  const { db, session } = useSignedIn();
  const { id: userId, username } = session.user;
  return useMemo(
    () => ({
      start: (form: FormRecord) => startDraft(db, form, { username, deviceId: deviceId() }),
      remove: (id: string) => deleteDraft(db, id),
      finalize: (id: string, lang: string, answers: Record<string, unknown>) =>
        finalizeDraft(db, id, { userId, lang, answers }),
    }),
    [db, userId, username],
  );
}
