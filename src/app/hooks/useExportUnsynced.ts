import { useCallback, useState } from 'react';
import { downloadBlob } from '../components/downloadBlob';
import { exportUnsynced } from '../sync/exportFile';
import { useSignedIn } from './useSignedIn';

export type ExportState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; fileName: string }
  | { status: 'error'; message: string };

/** Writes the export file and hands it to the browser as a download. */
export function useExportUnsynced(): { state: ExportState; save: () => Promise<void> } {
  const { db, session } = useSignedIn();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const save = useCallback(async () => {
    setState({ status: 'working' });
    try {
      const file = await exportUnsynced(db, session.user);
      downloadBlob(file.blob, file.fileName);
      setState({ status: 'done', fileName: file.fileName });
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [db, session.user]);
  return { state, save };
}
