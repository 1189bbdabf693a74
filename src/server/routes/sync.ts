import { Hono } from 'hono';
import { PullQuery, PushRequest } from '../../core/sync/protocol';
import { requireUser } from '../auth/session';
import { readJson, readQuery } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import type { Storage } from '../storage/Storage';
import { pull } from '../sync/pull';
import { push } from '../sync/push';

export function syncRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/sync/*', requireUser(storage, now));

  routes.post('/sync/push', async (c) => {
    const request = await readJson(c, PushRequest);
    return c.json(await push(storage, c.var.user, request, now()));
  });

  routes.get('/sync/pull', async (c) => {
    const query = readQuery(c, PullQuery);
    return c.json(await pull(storage, c.var.user, query));
  });

  return routes;
}
