import { Hono } from 'hono';
import { rejectCodeFor } from '../../core/sync/protocol';
import { SealedPushRequest } from '../../core/sync/sealed';
import { requireUser } from '../auth/session';
import { auditedDevice } from '../devices/refusal';
import { readJson } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import type { ServerLimits } from '../limits/config';
import { rateLimit } from '../limits/rateLimit';
import { currentServerKey, publicServerKey } from '../sealed/serverKey';
import { pushSealed } from '../sealed/pushSealed';
import type { Storage } from '../storage/Storage';

/**
 * Sealed changes (docs/sync-protocol.md, "Sealed push"): `GET /api/server-key`, the key devices seal to;
 * `POST /api/sync/push-sealed`, one device's sealed changes, from its user or another user of the tablet.
 */
export function sealedRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/server-key', requireUser(storage, now));

  routes.get('/server-key', async (c) => c.json(publicServerKey(await currentServerKey(storage, now()))));

  // Under /sync/*, whose session check syncRoutes already runs; rate-counted as a push.
  routes.post('/sync/push-sealed', rateLimit(storage, now, limits.rate, 'push'), async (c) => {
    const request = await readJson(c, SealedPushRequest);
    const pushed = await auditedDevice(storage, now, c.var.client, () =>
      pushSealed(storage, c.var.user, request, now(), { client: c.var.client, caps: limits.rejected }),
    );
    const results = pushed.results.map(({ mutationId: _mutationId, ...r }) =>
      r.status === 'rejected' ? { ...r, code: rejectCodeFor(r.code, request.protocol) } : r,
    );
    return c.json({ ...pushed, results });
  });

  return routes;
}
