import { Hono } from 'hono';
import { ConflictId, ConflictQuery } from '../../core/sync/conflicts';
import { requireUser } from '../auth/session';
import { readQuery } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import { HttpError } from '../http/errors';
import type { Storage } from '../storage/Storage';
import { listConflicts, restoreConflict } from '../sync/conflictLog';

/** The conflict log of mergeable records, for supervisors and admins (docs/sync-protocol.md). */
export function conflictRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const session = requireUser(storage, now);

  routes.get('/conflicts', session, async (c) => {
    const query = readQuery(c, ConflictQuery);
    return c.json(await listConflicts(storage, c.var.user, query));
  });

  routes.post('/conflicts/:id/restore', session, async (c) => {
    const id = ConflictId.safeParse(c.req.param('id'));
    // The same answer as for a conflict that does not exist.
    if (!id.success) throw new HttpError('not_found', 'No such conflict');
    return c.json(await restoreConflict(storage, c.var.user, id.data, now(), c.var.client));
  });

  return routes;
}
