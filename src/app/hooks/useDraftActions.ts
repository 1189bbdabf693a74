import { useMemo } from 'react';
import type { FormRecord } from '../db/schema';
import { createDraft, deleteDraft, finalizeDraft } from '../repositories/drafts';
import { deviceId } from '../state/deviceId';
import { useSignedIn } from './useSignedIn';

/** Create (with its initial answers: start, today, username, deviceid…), delete and finalize drafts. */
export function useDraftActions() {
  const { db, session } = useSignedIn();
  const { id: userId, username } = session.user;
  return useMemo(
    () => ({
      create: (form: FormRecord) => createDraft(db, form, { username, deviceId: deviceId() }),
      remove: (id: string) => deleteDraft(db, id),
      finalize: (id: string, lang: string, answers: Record<string, unknown>) =>
        finalizeDraft(db, id, { userId, lang, answers }),
    }),
    [db, userId, username],
  );
}
