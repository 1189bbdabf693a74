import { FormVersion } from '../../core/records/formVersion';
import { serverHlc } from '../catalog';
import { auditContext } from '../audit/context';
import type { ClientInfo } from '../http/clientInfo';
import type { Storage } from '../storage/Storage';
import { FormImportError } from './convertForm';

export interface ArchiveRequest {
  projectId: string;
  formId: string;
  /** True to archive, false to offer the form again. */
  archived: boolean;
  userId: string | null;
  now: Date;
  client?: ClientInfo | null;
}

/**
 * Archives a form of a project, or offers it again: every version's record gets (or loses) `archivedAt`
 * and a fresh server_seq, so devices receive the mark on their next pull, as they receive form versions.
 * Devices then offer no new draft on it (src/app/repositories/forms.ts); drafts already started on it can
 * still be finished and the server still takes their submissions, which stay. The definition is untouched.
 * Returns the versions whose record changed (none when the form already was in that state).
 */
export async function setFormArchived(storage: Storage, request: ArchiveRequest): Promise<string[]> {
  return storage.transaction(async (tx) => {
    if (!(await tx.getEntity('projects', request.projectId)))
      throw new FormImportError('not_found', `No project ${request.projectId}`);
    const versions = (await tx.projectEntities('forms', request.projectId)).flatMap((entity) => {
      const parsed = FormVersion.safeParse(entity.data);
      return !entity.deleted && parsed.success && parsed.data.formId === request.formId
        ? [{ entity, form: parsed.data }]
        : [];
    });
    if (versions.length === 0)
      throw new FormImportError('not_found', `No form ${request.formId} in project ${request.projectId}`);
    const at = request.now.toISOString();
    const changed: string[] = [];
    for (const { entity, form } of versions) {
      if ((form.archivedAt !== undefined) === request.archived) continue;
      const { archivedAt: _dropped, ...rest } = form;
      const data = request.archived ? { ...rest, archivedAt: at } : rest;
      await tx.putEntity({
        tbl: 'forms',
        id: entity.id,
        projectId: entity.projectId,
        createdBy: entity.createdBy,
        data,
        hlc: serverHlc(request.now),
        updatedAt: at,
      });
      changed.push(form.version);
    }
    if (changed.length > 0)
      await tx.audit({
        ...auditContext(request.userId, request.client ?? null),
        at,
        action: request.archived ? 'form.archive' : 'form.unarchive',
        tbl: 'forms',
        recordId: request.formId,
        details: { projectId: request.projectId, formId: request.formId, versions: changed },
      });
    return changed;
  });
}
