import { useCallback, useContext, useEffect, useState } from 'react';
import type { MediaRef } from '../../core/forms/answersSchema';
import { FillContext } from '../components/questions/fillContext';
import { useSignedIn } from './useSignedIn';

/**
 * `missing`: the server has not received the file yet from the device that took it; `offline`: it could
 * not be reached; `error`: it refused (or something else went wrong).
 */
export type MediaView =
  { state: 'loading' } | { state: 'ready'; url: string } | { state: 'missing' | 'offline' | 'error' };

/**
 * An object URL for a file answer (for a preview), revoked when the file or the component goes. The sync
 * engine reads it from the device, or downloads a file the device lacks (a reviewer opening someone else's
 * photo) and keeps it for offline use; `retry` asks again after a failure.
 */
export function useMediaUrl(media: MediaRef | undefined): { view: MediaView; retry: () => void } {
  const { engine } = useSignedIn();
  // The Forms page's preview holds its file answers in memory (FormPreview.tsx).
  const held = useContext(FillContext)?.held;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; view: MediaView } | null>(null);
  const { sha256, name, type, size } = media ?? {};
  const key = `${sha256}#${attempt}`;
  useEffect(() => {
    if (sha256 === undefined || name === undefined || type === undefined || size === undefined) return;
    let live = true;
    let url: string | undefined;
    const show = (view: MediaView) => {
      if (live) setState({ key, view });
    };
    const load = async (): Promise<void> => {
      const blob = held?.get(sha256);
      const result = blob
        ? { kind: 'ready' as const, blob }
        : await engine.fetchMedia({ sha256, name, type, size });
      if (!live) return;
      if (result.kind !== 'ready') return show({ state: result.kind });
      url = URL.createObjectURL(result.blob);
      show({ state: 'ready', url });
    };
    load().catch(() => show({ state: 'error' }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [engine, held, key, sha256, name, type, size]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { view: state && state.key === key ? state.view : { state: 'loading' }, retry };
}
