import { useCallback, useEffect, useRef, useState } from 'react';
import { downloadExport, type DownloadProgress, type ExportQuery } from '../api/exportDownload';
import { ApiError } from '../api/errors';
import { downloadBlob } from '../components/downloadBlob';
import { useSignedIn } from './useSignedIn';

export type ExportDownloadState =
  | { status: 'idle' }
  | { status: 'working'; progress: DownloadProgress }
  | { status: 'done'; fileName: string; bytes: number }
  /** `httpStatus`: the HTTP status, or 0 when the server did not answer; `message`: the server's, if any. */
  | { status: 'error'; httpStatus: number; code: string; message: string; retryAfterMs: number | null };

/** Downloads one export from the server (online only) and hands the file to the browser. */
export function useExportDownload(): {
  state: ExportDownloadState;
  download: (query: ExportQuery) => Promise<void>;
} {
  const { session } = useSignedIn();
  const [state, setState] = useState<ExportDownloadState>({ status: 'idle' });
  const abort = useRef<AbortController | null>(null);
  // Leaving the page stops a download nobody waits for any more.
  useEffect(() => () => abort.current?.abort(), []);
  const download = useCallback(
    async (query: ExportQuery) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setState({ status: 'working', progress: { received: 0, total: null } });
      try {
        const file = await downloadExport(
          query,
          session.token,
          (progress) => setState({ status: 'working', progress }),
          controller.signal,
        );
        downloadBlob(file.blob, file.fileName);
        setState({ status: 'done', fileName: file.fileName, bytes: file.blob.size });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState(
          error instanceof ApiError
            ? {
                status: 'error',
                httpStatus: error.status,
                code: error.code,
                message: error.message,
                retryAfterMs: error.retryAfterMs,
              }
            : { status: 'error', httpStatus: 0, code: 'network', message: '', retryAfterMs: null },
        );
      }
    },
    [session.token],
  );
  return { state, download };
}
