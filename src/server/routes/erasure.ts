import { Hono } from 'hono';
import { EraseRequest, ErasedId } from '../../core/sync/erasure';
import { requireUser } from '../auth/session';
import { eraseSubmission, requireEraserRole } from '../erasure/eraseSubmission';
import { readJson } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import { HttpError } from '../http/errors';
import type { Storage } from '../storage/Storage';

/** Erasure requests (docs/sync-protocol.md, "Erasure"): admins, and the supervisors of the project. */
export function erasureRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  /** `{ reason }`: erases the submission and every version of it; answers what was removed. */
  routes.post('/submissions/:id/erase', requireUser(storage, now), async (c) => {
    requireEraserRole(c.var.user);
    const id = ErasedId.safeParse(c.req.param('id'));
    if (!id.success) throw new HttpError('not_found', 'No such submission');
    const { reason } = await readJson(c, EraseRequest);
    const by = { user: c.var.user, client: c.var.client };
    return c.json(await eraseSubmission(storage, id.data, reason, by, now()));
  });

  return routes;
}
