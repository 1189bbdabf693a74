import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo } from 'react';
import type { MediaRef } from '../../core/forms/answersSchema';
import type { ProjectDocument } from '../../core/records/project';
import { sha256Hex } from '../components/questions/media/prepareMedia';
import {
  addProjectDocument,
  documentsWaiting,
  removeProjectDocument,
  setDocumentPublic,
  type DocumentDetails,
} from '../repositories/projectDocuments';
import { useSignedIn } from './useSignedIn';

/**
 * A project's documents as its page shows them: which still wait for upload on this device, and the
 * actions of the signed-in user (each saves on the device, then starts a sync that pushes and uploads).
 */
export function useProjectDocuments(projectId: string, documents: readonly ProjectDocument[]) {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  const key = documents.map((d) => d.sha256).join(',');
  const waiting = useLiveQuery(
    () => documentsWaiting(db, key === '' ? [] : key.split(',')),
    [db, key],
    new Set<string>(),
  );
  const actions = useMemo(() => {
    const thenSync = async (run: Promise<void>) => {
      await run;
      void engine.syncNow();
    };
    return {
      add: async (file: File, details: DocumentDetails) => {
        const sha256 = await sha256Hex(file);
        await thenSync(
          addProjectDocument(
            db,
            projectId,
            { blob: file, name: file.name, type: file.type, sha256 },
            details,
            role,
          ),
        );
      },
      remove: (sha256: string) => thenSync(removeProjectDocument(db, projectId, sha256, role)),
      setPublic: (sha256: string, isPublic: boolean) =>
        thenSync(setDocumentPublic(db, projectId, sha256, isPublic, role)),
    };
  }, [db, engine, projectId, role]);
  // From the device when it holds the bytes, else downloaded (and kept for offline use).
  const open = useCallback(
    (d: ProjectDocument) => {
      const ref: MediaRef = { sha256: d.sha256, name: d.name || 'document', type: d.type, size: 0 };
      return engine.fetchMedia(ref);
    },
    [engine],
  );
  return { role, waiting, open, ...actions };
}
