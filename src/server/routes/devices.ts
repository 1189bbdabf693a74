import { Hono } from 'hono';
import { RegisterDeviceRequest } from '../../core/sync/devices';
import { requireUser } from '../auth/session';
import { auditedDevice } from '../devices/refusal';
import { registerDevice } from '../devices/register';
import { readJson } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import type { Storage } from '../storage/Storage';

/** Devices register their public key here (docs/sync-protocol.md, "Devices"). */
export function deviceRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/devices', requireUser(storage, now));

  /** `{ clientId, publicKey, appVersion? }`: 201 for a new key, 200 for the key already registered. */
  routes.post('/devices', async (c) => {
    const request = await readJson(c, RegisterDeviceRequest);
    const { created, body } = await auditedDevice(storage, now, c.var.client, () =>
      registerDevice(storage, c.var.user, c.var.tokenHash, request, now(), c.var.client),
    );
    return c.json(body, created ? 201 : 200);
  });

  return routes;
}
