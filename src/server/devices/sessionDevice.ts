import type { Context } from 'hono';
import type { PullQuery } from '../../core/sync/protocol';
import type { AppEnv } from '../http/env';
import type { StorageOps } from '../storage/Storage';
import { DeviceRefusal } from './refusal';

/** A pull is recorded at most once a minute per device (and whenever the app's version changes). */
const PULL_RECORD_INTERVAL_MS = 60_000;

/**
 * A session that registered a device acts for that device only: its token is what revoking the device
 * ends, so it must not go on pushing under another clientId. Sessions that registered none (older apps,
 * scripts) are not bound.
 */
export function checkSessionDevice(c: Context<AppEnv>, clientId: string, via: 'push'): void {
  const bound = c.var.tokenClientId;
  if (bound !== null && bound !== clientId)
    throw new DeviceRefusal({ clientId, reason: 'session', owner: null, tried: c.var.user.id, via });
}

/**
 * A pull that names its device (`clientId`, optional): refused when an operator revoked the device,
 * otherwise recorded with the app's version and unsent count for `users devices` and the users page. A clientId that is not this user's, or not
 * this session's device, is not recorded (nor refused: a pull acts for no device).
 */
export async function recordPull(
  storage: StorageOps,
  c: Context<AppEnv>,
  query: PullQuery,
  now: Date,
): Promise<void> {
  const { clientId, appVersion, unsent } = query;
  const user = c.var.user;
  if (clientId === undefined) return;
  const bound = c.var.tokenClientId;
  if (bound !== null && bound !== clientId) return;
  const device = await storage.devices.get(clientId);
  if (!device || device.userId !== user.id) return;
  if (device.revokedAt !== null)
    throw new DeviceRefusal({
      clientId,
      reason: 'revoked',
      owner: device.userId,
      tried: user.id,
      via: 'pull',
    });
  const recent = new Date(now.getTime() - PULL_RECORD_INTERVAL_MS).toISOString();
  await storage.devices.touchPull(clientId, user.id, now.toISOString(), { appVersion, unsent }, recent);
}
