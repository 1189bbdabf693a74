import { useCallback, useRef, useState } from 'react';
import type { FormCheckResponse, FormIssue, FormPublishResponse } from '../../core/sync/formAdmin';
import { NetworkError } from '../api/errors';
import {
  checkForm,
  FormProblemsError,
  publishForm,
  type FormFiles,
  type FormRequestContext,
} from '../api/formRequests';
import { useT } from '../i18n/useT';
import { useSignedIn } from './useSignedIn';

/** Where an upload stands: every answer of the server the Forms page shows. */
export type UploadState =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'problems'; message: string; issues: FormIssue[] }
  | { phase: 'ready'; check: FormCheckResponse }
  | { phase: 'publishing'; check: FormCheckResponse }
  | { phase: 'published'; check: FormCheckResponse; published: FormPublishResponse }
  | { phase: 'offline' }
  | { phase: 'failed'; message: string };

/** The request context of the signed-in user, in the interface's language. */
export function useFormRequestContext(): FormRequestContext {
  const { session } = useSignedIn();
  const { lang } = useT();
  return { token: session.token, lang };
}

function failure(error: unknown): UploadState {
  if (error instanceof FormProblemsError)
    return { phase: 'problems', message: error.message, issues: error.issues };
  if (error instanceof NetworkError) return { phase: 'offline' };
  return { phase: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Checks the chosen files with the server as soon as they change (nothing is stored), then publishes them
 * on request and syncs, so the new version shows in the project's list. Only the latest check's answer is
 * kept: a slow answer for files since replaced is dropped.
 */
export function useFormUpload() {
  const { token, lang } = useFormRequestContext();
  const { engine } = useSignedIn();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const latest = useRef(0);

  const check = useCallback(
    async (projectId: string, files: FormFiles) => {
      const ticket = ++latest.current;
      setState({ phase: 'checking' });
      let next: UploadState;
      try {
        next = { phase: 'ready', check: await checkForm({ token, lang }, projectId, files) };
      } catch (error) {
        next = failure(error);
      }
      if (ticket === latest.current) setState(next);
    },
    [token, lang],
  );

  const publish = useCallback(
    async (projectId: string, files: FormFiles, checked: FormCheckResponse) => {
      const ticket = ++latest.current;
      setState({ phase: 'publishing', check: checked });
      let next: UploadState;
      try {
        const published = await publishForm({ token, lang }, projectId, files);
        next = { phase: 'published', check: checked, published };
        // The new version comes back to this device like to any other: pulled, then listed.
        void engine.syncNow().catch(() => undefined);
      } catch (error) {
        next = failure(error);
      }
      if (ticket === latest.current) setState(next);
    },
    [token, lang, engine],
  );

  const reset = useCallback(() => {
    latest.current += 1;
    setState({ phase: 'idle' });
  }, []);

  return { state, check, publish, reset };
}
