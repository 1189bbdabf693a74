import { Hono } from 'hono';
import { SealedMediaRequest } from '../../core/sync/sealedMedia';
import { requireUser } from '../auth/session';
import { auditedDevice } from '../devices/refusal';
import { readJson } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import type { ServerLimits } from '../limits/config';
import { rateLimit } from '../limits/rateLimit';
import { finishSealedMedia } from '../sealed/finishSealedMedia';
import type { Storage } from '../storage/Storage';

/**
 * `POST /api/media/sealed` (docs/sync-protocol.md, "Sealed files"): opens a sealed file its sender uploaded
 * and keeps it as its author's. Mounted before mediaRoutes, whose `/media/*` checks it repeats for this
 * route only (a handler that answers ends the chain: the request is counted once).
 */
export function sealedMediaRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post(
    '/media/sealed',
    requireUser(storage, now),
    rateLimit(storage, now, limits.rate, 'media'),
    async (c) => {
      const request = await readJson(c, SealedMediaRequest);
      return c.json(
        await auditedDevice(storage, now, c.var.client, () =>
          finishSealedMedia(storage, c.var.user, request, now(), c.var.client),
        ),
      );
    },
  );
  return routes;
}
