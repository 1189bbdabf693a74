import { webcrypto } from 'node:crypto';
import {
  DEVICE_KEY_ALGORITHM,
  exportDevicePublicKey,
  signExport,
  type DevicePublicKey,
} from '../../../src/core/sync/devices';
import { unsyncedExportChecksum } from '../../../src/core/sync/unsyncedExport';
import { PASSWORD, type TestServer } from '../harness';

/** A device's key pair as the app makes it (Web Crypto, the private key not extractable), from Node's webcrypto. */
export function newDeviceKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
}

export function publicJwk(keys: CryptoKeyPair): Promise<DevicePublicKey> {
  return exportDevicePublicKey(keys.publicKey);
}

/**
 * A session of its own (the harness caches one token per user, which registering would bind to a device):
 * a device signs in, then registers with that token.
 */
export async function freshLogin(server: TestServer, username: string): Promise<string> {
  const res = await server.request('/api/auth/login', { json: { username, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** `POST /api/devices` as `username` (with a new session unless `token` is given). */
export async function registerDevice(
  server: TestServer,
  username: string,
  clientId: string,
  keys: CryptoKeyPair,
  options: { token?: string; appVersion?: string } = {},
): Promise<{ status: number; json: unknown; token: string }> {
  const token = options.token ?? (await freshLogin(server, username));
  const res = await server.request('/api/devices', {
    token,
    json: {
      clientId,
      publicKey: await publicJwk(keys),
      ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }),
    },
  });
  return { status: res.status, json: (await res.json()) as unknown, token };
}

/** Sets the file's checksum and, with a key, its signature, as the app's export does. */
export async function sealFile(
  file: Record<string, unknown>,
  privateKey: CryptoKey | null,
): Promise<Record<string, unknown>> {
  delete file.signature;
  file.checksum = await unsyncedExportChecksum(file);
  if (privateKey) file.signature = await signExport(privateKey, file.checksum as string);
  return file;
}
