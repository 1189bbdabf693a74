import { useCallback, useState } from 'react';
import type { ImportResponse } from '../../core/sync/unsyncedExport';
import { ApiError } from '../api/errors';
import { useSignedIn } from './useSignedIn';

export type ImportState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; result: ImportResponse }
  /**
   * `code`: the server's error code, and `reason` its `details.reason` (why a file was refused), for a
   * message in the user's language when there is one.
   */
  | { status: 'error'; code: string; reason?: string; message: string };

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
        const details: unknown = error instanceof ApiError ? error.details : undefined;
        const reason =
          details && typeof details === 'object' && 'reason' in details ? String(details.reason) : undefined;
        const message = error instanceof Error ? error.message : String(error);
        setState({ status: 'error', code, message, ...(reason === undefined ? {} : { reason }) });
      }
    },
    [api],
  );
  return { state, send };
}
