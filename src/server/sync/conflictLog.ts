import { hasRole } from '../../core/records/user';
import type { Conflict, ConflictList, ConflictQuery, RestoreResponse } from '../../core/sync/conflicts';
import { isMergeTable, mergeTable } from '../../core/sync/mergeTables';
import { auditContext } from '../audit/context';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import type { ConflictListing } from '../storage/MergeStorage';
import type { Storage, StorageOps, UserRecord } from '../storage/Storage';
import { MergeBatch } from './mergeBatch';

/** The conflict log is for supervisors (of their projects) and admins (of all). */
function requireSupervisor(user: UserRecord): void {
  if (!hasRole(user.role, 'supervisor'))
    throw new HttpError('forbidden', 'Only supervisors and admins see and restore conflicts');
}

async function supervises(storage: StorageOps, user: UserRecord, projectId: string): Promise<boolean> {
  // '' is the project of records of none (organisations, which every supervisor edits).
  return user.role === 'admin' || projectId === '' || (await storage.isProjectMember(projectId, user.id));
}

function toApiConflict(c: ConflictListing): Conflict {
  return {
    id: c.id,
    table: c.tbl,
    recordId: c.recordId,
    projectId: c.projectId,
    field: c.field,
    losing: { ...c.losing, byName: c.losingName },
    winning: { ...c.winning, byName: c.winningName },
    at: c.createdAt,
    restoredAt: c.restoredAt,
    restoredBy: c.restoredBy,
  };
}

/** `GET /api/conflicts`: the lost values of the user's projects, newest first. */
export async function listConflicts(
  storage: StorageOps,
  user: UserRecord,
  query: ConflictQuery,
): Promise<ConflictList> {
  requireSupervisor(user);
  // Conflicts of records of no project (organisations, project '') are every supervisor's.
  const projects = user.role === 'admin' ? 'all' : [...(await storage.memberProjectIds(user.id)), ''];
  if (query.projectId !== undefined && projects !== 'all' && !projects.includes(query.projectId))
    throw new HttpError('forbidden', 'You are not a member of this project');
  const rows = await storage.listConflicts({
    projects,
    projectId: query.projectId,
    state: query.state,
    limit: query.limit,
  });
  return { conflicts: rows.map(toApiConflict) };
}

/**
 * `POST /api/conflicts/:id/restore`: writes the lost value back as a new change made now on the server (a
 * fresh clock, so it wins), which devices then pull. In one transaction: the conflict marked restored, the
 * record merged and written, the value it displaces logged as a new conflict, the restore audited.
 */
export function restoreConflict(
  storage: Storage,
  user: UserRecord,
  id: string,
  now: Date,
  client: ClientInfo | null = null,
): Promise<RestoreResponse> {
  requireSupervisor(user);
  return storage.transaction(async (tx) => {
    const conflict = await tx.getConflict(id);
    // Not found rather than forbidden for other projects' conflicts: their ids stay private.
    if (!conflict || !(await supervises(tx, user, conflict.projectId)))
      throw new HttpError('not_found', 'No such conflict');
    if (!isMergeTable(conflict.tbl)) throw new Error(`Conflict ${id} names table ${conflict.tbl}`);
    const refusal = mergeTable(conflict.tbl).refuse(user.role, { [conflict.field]: conflict.losing.value });
    if (refusal !== null) throw new HttpError('forbidden', refusal);
    // First, so that of two restores racing on PostgreSQL the second waits here, then finds it done.
    const restoredAt = now.toISOString();
    if (!(await tx.markConflictRestored(id, restoredAt, user.id)))
      throw new HttpError('conflict', 'This value has been restored already');
    const batch = new MergeBatch(tx, user, now, auditContext(user.id, client));
    const serverSeq = await batch.restore(
      conflict.tbl,
      conflict.recordId,
      conflict.field,
      conflict.losing.value,
    );
    await batch.flush();
    const restored = { ...conflict, restoredAt, restoredBy: user.id };
    return { conflict: toApiConflict(restored), serverSeq: serverSeq() };
  });
}
