import {
  DEVICE_KEY_ALGORITHM,
  exportDevicePublicKey,
  type RegisterDeviceRequest,
} from '../../core/sync/devices';
import type { ApiClient } from '../api/client';
import type { TerrainDb } from '../db/TerrainDb';
import { getSyncMeta, updateSyncMeta } from '../repositories/syncMeta';

/**
 * This device's key pair (docs/sync-protocol.md, "Devices"), made the first time it is needed: an ECDSA
 * P-256 pair whose private key Web Crypto will never hand out (not extractable), kept in the user's
 * database as CryptoKeys. Null where the browser cannot make one (no Web Crypto, e.g. plain http): export
 * files are then unsigned, which only an operator imports.
 *
 * Two tabs may both make one at once: the first stored wins, in one transaction, and both use it.
 */
export async function ensureDeviceKey(db: TerrainDb): Promise<CryptoKeyPair | null> {
  const kept = (await getSyncMeta(db)).deviceKey;
  if (kept) return kept;
  let made: CryptoKeyPair;
  try {
    made = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
  } catch {
    return null;
  }
  return db.transaction('rw', db.meta, async () => {
    const meta = await getSyncMeta(db);
    if (meta.deviceKey) return meta.deviceKey;
    await updateSyncMeta(db, { deviceKey: made });
    return made;
  });
}

/**
 * Registers the device's public key with the server (`POST /api/devices`), which also binds the session to
 * this device. Done at every start of the sync engine (each sign-in, each app start) until it succeeds; the
 * server answers the same key again with 200. Errors are the API client's, for the engine to judge.
 * Returns false when there is no key to register.
 */
export async function registerDeviceKey(db: TerrainDb, api: ApiClient, appVersion: string): Promise<boolean> {
  const pair = await ensureDeviceKey(db);
  if (!pair) return false;
  const { clientId } = await getSyncMeta(db);
  const request: RegisterDeviceRequest = {
    clientId,
    publicKey: await exportDevicePublicKey(pair.publicKey),
    appVersion,
  };
  const { registeredAt } = await api.registerDevice(request);
  await updateSyncMeta(db, { deviceKeyRegisteredAt: registeredAt, deviceKeyRefusal: null });
  return true;
}
