import { useMemo } from 'react';
import type { FormRecord } from '../db/schema';
import { createDraft, deleteDraft, finalizeDraft } from '../repositories/drafts';
import { useSignedIn } from './useSignedIn';

/** Create, delete and finalize drafts of the signed-in user. */
export function useDraftActions() {
  const { db, session } = useSignedIn();
  const userId = session.user.id;
  return useMemo(
    () => ({
      create: (form: FormRecord) => createDraft(db, form),
      remove: (id: string) => deleteDraft(db, id),
      finalize: (id: string, lang: string, answers: Record<string, unknown>) =>
        finalizeDraft(db, id, { userId, lang, answers }),
    }),
    [db, userId],
  );
}
