import { DevicePublicKey } from '../../core/sync/devices';
import { fromBase64Url, toBase64Url } from '../../core/sync/devices';
import type { ServerKeyResponse } from '../../core/sync/sealed';
import type { StorageOps } from '../storage/Storage';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/**
 * The key devices seal to. One key for now (`k1`), made by whichever server process needs it first: the
 * others find it in the database, so stateless replicas on one PostgreSQL share it. A later key (rotation)
 * would get another id; boxes name the key they were sealed to.
 */
export const CURRENT_KEY_ID = 'k1';

export interface ServerKey {
  keyId: string;
  publicKey: DevicePublicKey;
  privateKey: CryptoKey;
}

/** Cached per storage: the private key is imported once per process. */
const cache = new WeakMap<object, Map<string, Promise<ServerKey | undefined>>>();

async function load(storage: StorageOps, keyId: string): Promise<ServerKey | undefined> {
  const stored = await storage.serverKeys.get(keyId);
  if (!stored) return undefined;
  const privateKey = await crypto.subtle.importKey('pkcs8', fromBase64Url(stored.privateKey), ECDH, false, [
    'deriveBits',
  ]);
  return { keyId, publicKey: DevicePublicKey.parse(JSON.parse(stored.publicKey)), privateKey };
}

/** A server key by id, or undefined when the server has none by that id. */
export function serverKey(storage: StorageOps, keyId: string): Promise<ServerKey | undefined> {
  let keys = cache.get(storage);
  if (!keys) cache.set(storage, (keys = new Map<string, Promise<ServerKey | undefined>>()));
  let key = keys.get(keyId);
  if (!key) {
    key = load(storage, keyId);
    keys.set(keyId, key);
    // A miss is not cached: another process may make the key in a moment. Nor is a failed read (the
    // database out for a moment), which the caller is answered; handled here too, so it is never unhandled.
    const forget = () => {
      if (keys.get(keyId) === key) keys.delete(keyId);
    };
    key.then((found) => {
      if (!found) forget();
    }, forget);
  }
  return key;
}

/** The current key, made (and stored) the first time it is asked for. */
export async function currentServerKey(storage: StorageOps, now: Date): Promise<ServerKey> {
  const existing = await serverKey(storage, CURRENT_KEY_ID);
  if (existing) return existing;
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const publicKey = DevicePublicKey.parse(await crypto.subtle.exportKey('jwk', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  await storage.serverKeys.insertIfMissing({
    id: CURRENT_KEY_ID,
    publicKey: JSON.stringify(publicKey),
    privateKey: toBase64Url(pkcs8),
    createdAt: now.toISOString(),
  });
  const made = await serverKey(storage, CURRENT_KEY_ID);
  if (!made) throw new Error('The server key could not be stored');
  return made;
}

export function publicServerKey(key: ServerKey): ServerKeyResponse {
  return { keyId: key.keyId, publicKey: key.publicKey };
}
