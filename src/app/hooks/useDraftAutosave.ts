import { useCallback, useEffect, useRef, useState } from 'react';
import { registerPendingSave } from '../pwa/pendingSaves';
import { saveDraftAnswers } from '../repositories/drafts';
import { useSignedIn } from './useSignedIn';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';
const DEBOUNCE_MS = 250;

/**
 * Saves a draft's answers shortly after every change (debounced), and at once when the page is hidden or
 * left, when the component unmounts, and before the app reloads for an update. Saves run one after another.
 * `describe` names the draft for the lists (DraftRecord.label), from the answers being saved.
 */
export function useDraftAutosave(draftId: string, describe?: (answers: Record<string, unknown>) => string) {
  const { db } = useSignedIn();
  const [state, setState] = useState<SaveState>('idle');
  const pending = useRef<Record<string, unknown> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const stopped = useRef(false);

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const answers = pending.current;
    pending.current = null;
    if (answers && !stopped.current) {
      queue.current = queue.current
        .then(() => saveDraftAnswers(db, draftId, answers, describe?.(answers)))
        .then(
          () => setState('saved'),
          () => setState('error'),
        );
    }
    return queue.current;
  }, [db, draftId, describe]);

  const schedule = useCallback(
    (answers: Record<string, unknown>) => {
      if (stopped.current) return;
      pending.current = structuredClone(answers);
      setState('saving');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  /** After finalizing: the draft is gone, nothing more to save. */
  const stop = useCallback(() => {
    stopped.current = true;
    pending.current = null;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    const unregister = registerPendingSave(flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      unregister();
      void flush();
    };
  }, [flush]);

  return { state, schedule, flush, stop };
}
