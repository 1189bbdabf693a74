import {
  importDevicePublicKey,
  type DevicePublicKey,
  type RegisterDeviceRequest,
  type RegisterDeviceResponse,
} from '../../core/sync/devices';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import type { Storage, UserRecord } from '../storage/Storage';
import { DeviceRefusal, type DeviceRefusalReason } from './refusal';

const sameKey = (a: DevicePublicKey, b: DevicePublicKey) =>
  a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;

/**
 * Registers a device's public key (docs/sync-protocol.md, "Devices"), in one transaction: the clientId
 * becomes `user`'s if nobody used it yet and is refused if another account did or an operator revoked it;
 * the first key is stored, the same key again is accepted, another one refused (409); and the session
 * (`tokenHash`) is bound to the device, so that revoking the device ends it. A session registers one device.
 */
export async function registerDevice(
  storage: Storage,
  user: UserRecord,
  tokenHash: string,
  request: RegisterDeviceRequest,
  now: Date,
  client: ClientInfo,
): Promise<{ created: boolean; body: RegisterDeviceResponse }> {
  try {
    await importDevicePublicKey(request.publicKey);
  } catch {
    throw new HttpError('validation', 'publicKey is not a P-256 public key', [
      { path: ['publicKey'], code: 'custom', message: 'not a point of the P-256 curve' },
    ]);
  }
  const { clientId } = request;
  return storage.transaction(async (tx) => {
    const device = await tx.devices.claim(clientId, user.id);
    const refuse = (reason: DeviceRefusalReason) =>
      new DeviceRefusal({ clientId, reason, owner: device.userId, tried: user.id, via: 'register' });
    if (device.userId !== user.id) throw refuse('owner');
    if (device.revokedAt !== null) throw refuse('revoked');
    const bound = await tx.devices.tokenDevice(tokenHash);
    if (bound !== null && bound !== clientId) throw refuse('session');
    if (device.publicKey && !sameKey(device.publicKey, request.publicKey)) throw refuse('key');

    const at = now.toISOString();
    if (!device.publicKey) {
      await tx.devices.setKey(clientId, request.publicKey, at);
      await tx.audit({
        at,
        userId: user.id,
        action: 'device.register',
        tbl: 'clients',
        recordId: clientId,
        ...client,
        details: { clientId, appVersion: request.appVersion ?? null },
      });
    }
    if (request.appVersion !== undefined && request.appVersion !== device.appVersion)
      await tx.devices.setAppVersion(clientId, request.appVersion);
    if (bound === null && !(await tx.devices.bindToken(tokenHash, clientId))) throw refuse('session');
    return {
      created: !device.publicKey,
      body: { clientId, registeredAt: device.keyRegisteredAt ?? at },
    };
  });
}
