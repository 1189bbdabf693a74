import { useEffect, useState } from 'react';
import type { DraftRecord } from '../db/schema';
import { getDraft } from '../repositories/drafts';
import { useSignedIn } from './useSignedIn';

/**
 * A draft read ONCE when the page opens (not live: the form's own autosave writes it constantly).
 * `undefined` while loading, `null` if there is no such draft.
 */
export function useDraftSnapshot(id: string): DraftRecord | null | undefined {
  const { db } = useSignedIn();
  const [state, setState] = useState<{ id: string; draft: DraftRecord | null } | null>(null);
  useEffect(() => {
    let live = true;
    getDraft(db, id).then(
      (draft) => live && setState({ id, draft: draft ?? null }),
      () => live && setState({ id, draft: null }),
    );
    return () => {
      live = false;
    };
  }, [db, id]);
  return state && state.id === id ? state.draft : undefined;
}
