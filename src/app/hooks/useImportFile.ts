import { useCallback, useState } from 'react';
import type { ImportResponse } from '../../core/sync/unsyncedExport';
import { ApiError } from '../api/errors';
import { useSignedIn } from './useSignedIn';

export type ImportState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; result: ImportResponse }
  /** `code`: the server's error code, for a message in the user's language when there is one. */
  | { status: 'error'; code: string; message: string };

/** Sends a device's export file to the server (supervisors and admins) and keeps its answer. */
export function useImportFile(): { state: ImportState; send: (file: Blob) => Promise<void> } {
  const { api } = useSignedIn();
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const send = useCallback(
    async (file: Blob) => {
      setState({ status: 'working' });
      try {
        setState({ status: 'done', result: await api.importFile(file) });
      } catch (error) {
        const code = error instanceof ApiError ? error.code : 'network';
        setState({ status: 'error', code, message: error instanceof Error ? error.message : String(error) });
      }
    },
    [api],
  );
  return { state, send };
}
