import {
  ProjectDocument,
  type DocumentCategory,
  type ProjectDocument as ProjectDocumentType,
} from '../../core/records/project';
import { hasRole, type Role } from '../../core/records/user';
import type { MediaRecord } from '../db/schema';
import type { TerrainDb } from '../db/TerrainDb';
import { saveEdit } from './mergedEdit';

/**
 * A project's documents on the device (src/core/records/project.ts): the file's bytes are stored like a
 * photo answer's, marked for upload, and the project's `documents` written, in one Dexie transaction with
 * the outbox; the sync then pushes the record and uploads the bytes (resumable, sync/uploadMedia.ts). The
 * server opens a document only once whoever added it uploaded it, hence always this user's upload.
 */

export interface DocumentDetails {
  title: string;
  category: DocumentCategory;
  language: 'fr' | 'en' | null;
  date: string | null;
  /** Admins only (the server refuses it from anyone else). */
  public: boolean;
}

export type DocumentProblem = 'title' | 'public' | 'role' | 'project' | 'file';

export class DocumentInvalidError extends Error {
  constructor(readonly problem: DocumentProblem) {
    super(`Invalid project document: ${problem}`);
    this.name = 'DocumentInvalidError';
  }
}

/** The documents of a stored project as records, those stored before their later fields with defaults. */
export function documentsOf(project: { documents?: unknown }): ProjectDocumentType[] {
  const raw: unknown[] = Array.isArray(project.documents) ? project.documents : [];
  return raw.flatMap((d) => {
    const parsed = ProjectDocument.safeParse(d);
    return parsed.success ? [parsed.data] : [];
  });
}

function check(role: Role, details: Pick<DocumentDetails, 'title' | 'public'>): void {
  if (!hasRole(role, 'supervisor')) throw new DocumentInvalidError('role');
  if (details.title.trim() === '' || details.title.length > 300) throw new DocumentInvalidError('title');
  if (details.public && role !== 'admin') throw new DocumentInvalidError('public');
}

async function writeDocuments(
  db: TerrainDb,
  projectId: string,
  change: (documents: ProjectDocumentType[]) => ProjectDocumentType[],
  now: Date,
  media?: MediaRecord,
): Promise<void> {
  await db.transaction('rw', [db.projects, db.outbox, db.meta, db.media], async () => {
    const project = await db.projects.get(projectId);
    if (!project || project.deleted) throw new DocumentInvalidError('project');
    if (media) {
      const stored = await db.media.get(media.sha256);
      // Sent by this user even if the device holds the file from a download: the server takes only the
      // upload of whoever added the document as proof (HEAD skips a file this user already sent).
      if (!stored) await db.media.add(media);
      else if (stored.uploadState !== 'pending')
        await db.media.update(media.sha256, { uploadState: 'pending' });
    }
    await saveEdit(db, 'projects', projectId, {}, { documents: change(documentsOf(project)) }, now);
  });
}

/** Attaches a file to a project: stored, marked for upload, and named in the project's documents. */
export async function addProjectDocument(
  db: TerrainDb,
  projectId: string,
  file: { blob: Blob; name: string; type: string; sha256: string },
  details: DocumentDetails,
  role: Role,
  now = new Date(),
): Promise<void> {
  check(role, details);
  if (file.blob.size === 0) throw new DocumentInvalidError('file');
  const document = ProjectDocument.parse({
    sha256: file.sha256,
    title: details.title.trim(),
    name: file.name.slice(0, 255),
    type: file.type.slice(0, 255),
    public: details.public,
    category: details.category,
    language: details.language,
    date: details.date,
  });
  const media: MediaRecord = {
    sha256: file.sha256,
    blob: file.blob,
    name: file.name.slice(0, 255) || 'document',
    type: file.type,
    size: file.blob.size,
    createdAt: now.toISOString(),
    uploadState: 'pending',
  };
  await writeDocuments(
    db,
    projectId,
    (documents) => [...documents.filter((d) => d.sha256 !== file.sha256), document],
    now,
    media,
  );
}

/** Takes a document out of the project (its bytes stay on the device and the server). */
export async function removeProjectDocument(
  db: TerrainDb,
  projectId: string,
  sha256: string,
  role: Role,
  now = new Date(),
): Promise<void> {
  if (!hasRole(role, 'supervisor')) throw new DocumentInvalidError('role');
  await writeDocuments(db, projectId, (documents) => documents.filter((d) => d.sha256 !== sha256), now);
}

/** Makes a document public or private again (admins only). */
export async function setDocumentPublic(
  db: TerrainDb,
  projectId: string,
  sha256: string,
  isPublic: boolean,
  role: Role,
  now = new Date(),
): Promise<void> {
  if (role !== 'admin') throw new DocumentInvalidError('public');
  await writeDocuments(
    db,
    projectId,
    (documents) => documents.map((d) => (d.sha256 === sha256 ? { ...d, public: isPublic } : d)),
    now,
  );
}

/** Which of these files still wait for upload on this device. */
export async function documentsWaiting(db: TerrainDb, sha256s: readonly string[]): Promise<Set<string>> {
  const rows = await db.media.bulkGet([...sha256s]);
  return new Set(rows.flatMap((r) => (r?.uploadState === 'pending' ? [r.sha256] : [])));
}
