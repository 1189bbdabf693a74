import { HttpError } from '../http/errors';
import type { UserRecord } from '../storage/Storage';
import type { MergeTableSpec } from '../../core/sync/mergeTables';
import type { Mutation } from '../../core/sync/protocol';
import { reject, type Rejected } from './reject';

/** Someone a change acts for, with their project rights as this batch reads them. */
export interface Actor {
  user: UserRecord;
  canWriteProject(projectId: string): Promise<boolean>;
  /**
   * The importer of an export file. A change the file's user may make but the importer may not aborts the
   * whole import (nothing applied): stored as rejected, it would burn the device's seq, and the device
   * would later be told its own valid change was refused.
   */
  importer: boolean;
}

/**
 * The refusal of a change for `actor`: the result to store (the device user's), or, for an importer, an
 * error that aborts the import's transaction.
 */
export function refusedFor(actor: Actor, rejected: Rejected): Rejected {
  if (!actor.importer) return rejected;
  throw new HttpError(
    'forbidden',
    `Change ${rejected.seq} of this file is beyond your rights (${rejected.message}); nothing was imported`,
    { seq: rejected.seq, code: rejected.code, message: rejected.message },
  );
}

/**
 * Whether `actor` may write a mergeable record in its project: a member (or admin), or anyone for records of
 * no project; a new project only an admin. Same answer whether the project is missing or closed to them: ids
 * of other projects stay private. `createdHere`: the project is created by this very batch.
 */
export async function projectRefusal(
  m: Mutation,
  spec: MergeTableSpec,
  actor: Actor,
  projectId: string,
  record: { exists: boolean; createdHere: boolean },
): Promise<Rejected | null> {
  if (spec.isProject && !record.exists) {
    // A new project has no members yet: only an admin may create one.
    if (actor.user.role === 'admin') return null;
    return refusedFor(actor, reject(m, 'forbidden', 'Only admins create a project'));
  }
  if (spec.global || record.createdHere || (await actor.canWriteProject(projectId))) return null;
  return refusedFor(actor, reject(m, 'forbidden', `You are not a member of project ${projectId}`));
}
