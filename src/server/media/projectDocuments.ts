import { ProjectDocument } from '../../core/records/project';
import type { DocumentRefRecord, MediaOps } from '../storage/MediaOps';
import type { PullScope } from '../storage/Storage';

/**
 * Project documents and who may download them (docs/security.md, "Media"). A document is a file named by its
 * SHA-256 in a project's `documents`; naming a hash proves nothing, so the server records who added each
 * file to each project, and a document opens to the project's readers (or, public, to everyone) only when
 * one of those who added it completed an upload of the bytes. Until then it is "not received yet" for the
 * project's readers, like a submission's photo whose author has not sent it.
 */

function sha256sOf(documents: unknown): Set<string> {
  const found = new Set<string>();
  if (Array.isArray(documents))
    for (const d of documents as { sha256?: unknown }[])
      if (d && typeof d.sha256 === 'string') found.add(d.sha256);
  return found;
}

/** The files a write of a project's `documents` adds to those stored (none when it writes no documents). */
export function addedDocuments(
  projectId: string,
  values: Readonly<Record<string, unknown>>,
  stored: Readonly<Record<string, unknown>> | null,
  addedBy: string,
  at: string,
): DocumentRefRecord[] {
  if (!('documents' in values)) return [];
  const before = sha256sOf(stored?.documents);
  return [...sha256sOf(values.documents)]
    .filter((sha256) => !before.has(sha256))
    .map((sha256) => ({ projectId, sha256, addedBy, addedAt: at }));
}

/** The project's document naming this file, from its stored record (JSON), if it still names it. */
function documentIn(
  data: string,
  sha256: string,
): { project: Record<string, unknown>; document: ProjectDocument } | null {
  let project: Record<string, unknown>;
  try {
    project = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (project.deleted === true || !Array.isArray(project.documents)) return null;
  for (const raw of project.documents) {
    const parsed = ProjectDocument.safeParse(raw);
    if (parsed.success && parsed.data.sha256 === sha256) return { project, document: parsed.data };
  }
  return null;
}

/**
 * What the projects `scope` may pull say of a file: `granted` when one of them lists it among its documents
 * and one who added it there completed an upload of it; `pending` when they list it but nobody who added it
 * has sent it yet (the same answer whether or not the server holds the bytes from someone else).
 */
export async function documentAccess(
  media: MediaOps,
  sha256: string,
  scope: PullScope,
): Promise<'granted' | 'pending' | 'none'> {
  let listed = false;
  for (const ref of await media.documentRefProjects(sha256, scope)) {
    if (!documentIn(ref.data, sha256)) continue;
    if (ref.proven) return 'granted';
    listed = true;
  }
  return listed ? 'pending' : 'none';
}

/**
 * The document the public site may serve: the project is public and not deleted, it lists the file as a
 * public document, and one who added it there completed an upload of it. Null in every other case.
 */
export async function publicDocument(
  media: MediaOps,
  projectId: string,
  sha256: string,
): Promise<ProjectDocument | null> {
  for (const ref of await media.documentRefProjects(sha256, null, projectId)) {
    if (!ref.proven) continue;
    const found = documentIn(ref.data, sha256);
    if (found && found.project.public === true && found.document.public) return found.document;
  }
  return null;
}

/**
 * The projects with, among their documents, only those the public site serves (public, and proven by one
 * who added them); a private project keeps none. What the public pages and the IATI links are made from:
 * the same rule as `publicDocument`, from the records the caller holds and one read of the proofs.
 */
export async function withServedDocuments<
  P extends { id: string; public: boolean; deleted: boolean; documents: readonly ProjectDocument[] },
>(media: MediaOps, projects: readonly P[]): Promise<P[]> {
  const shown = projects.filter((p) => p.public && !p.deleted && p.documents.some((d) => d.public));
  const proven = shown.length > 0 ? await media.provenDocuments(shown.map((p) => p.id)) : new Set<string>();
  return projects.map((project) => ({
    ...project,
    documents:
      project.public && !project.deleted
        ? project.documents.filter((d) => d.public && proven.has(`${project.id} ${d.sha256}`))
        : [],
  }));
}
