import { HttpError } from '../http/errors';
import type { UserRecord } from '../storage/Storage';
import type { Rejected } from './reject';

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
