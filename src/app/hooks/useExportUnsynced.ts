import { useCallback, useState } from 'react';
import { downloadBlob } from '../components/downloadBlob';
import { exportUnsynced } from '../sync/exportFile';
import { unsentState } from '../vault/erase';
import { useSignedIn } from './useSignedIn';

export type ExportState =
  | { status: 'idle' }
  | { status: 'working' }
  /** `unsent`: the fingerprint of the unsent data the file holds (vault/erase.ts), taken before writing it. */
  | { status: 'done'; fileName: string; unsent: string }
  | { status: 'error'; message: string };

/** Writes the export file and hands it to the browser as a download. */
export function useExportUnsynced(): { state: ExportState; save: () => Promise<void> } {
  const { db, session } = useSignedIn();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const save = useCallback(async () => {
    setState({ status: 'working' });
    try {
      // Taken before the file is read: a change made meanwhile makes the removal ask for a new export.
      const { fingerprint } = await unsentState(db);
      const file = await exportUnsynced(db, session.user);
      downloadBlob(file.blob, file.fileName);
      setState({ status: 'done', fileName: file.fileName, unsent: fingerprint });
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [db, session.user]);
  return { state, save };
}
