import { z } from 'zod/mini';
import { AppVersion, ClientId } from './protocol';

/**
 * Device keys (docs/sync-protocol.md, "Devices"). Each device (one user's store in one browser: a clientId)
 * makes an ECDSA P-256 key pair, keeps the private key non-extractable in IndexedDB and registers the
 * public key with the server (`POST /api/devices`). Export files are signed with it, so a file can neither
 * be forged nor edited in someone else's name: the server verifies it against the key registered for the
 * file's clientId.
 */
export const DEVICE_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const DEVICE_SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A P-256 coordinate: 32 bytes in base64url without padding. */
const Coordinate = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 coordinate (base64url)'));

/**
 * A device's public key as a JWK. Only these four members are kept (what Web Crypto adds, `key_ops` and
 * `ext`, is dropped), so the same key always compares equal.
 */
export const DevicePublicKey = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: Coordinate,
  y: Coordinate,
});
export type DevicePublicKey = z.infer<typeof DevicePublicKey>;

/** `POST /api/devices`: binds the clientId to the signed-in account, its public key, and the session. */
export const RegisterDeviceRequest = z.object({
  clientId: ClientId,
  publicKey: DevicePublicKey,
  appVersion: z.optional(AppVersion),
});
export type RegisterDeviceRequest = z.infer<typeof RegisterDeviceRequest>;

export const RegisterDeviceResponse = z.object({
  clientId: ClientId,
  /** When the server first stored this key. */
  registeredAt: z.string(),
});
export type RegisterDeviceResponse = z.infer<typeof RegisterDeviceResponse>;

/** `es256:` and the 64-byte IEEE P1363 signature (r ‖ s, Web Crypto's own form) in base64url. */
export const ExportSignature = z.string().check(z.regex(/^es256:[A-Za-z0-9_-]{86}$/));

/**
 * What an export file's signature signs: its checksum, which is the SHA-256 of everything the checksum
 * covers (the whole file but `checksum`, `signature` and the media bytes, which their own SHA-256 pins).
 * Signing that digest signs the content; the prefix keeps the signature from meaning anything elsewhere.
 */
export function signedExportMessage(checksum: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`terrain-unsynced/2\n${checksum}`);
}

export function signExport(privateKey: CryptoKey, checksum: string): Promise<string> {
  return signWithDevice(privateKey, signedExportMessage(checksum));
}

/** False for a signature that does not verify or is malformed; throws only for an unusable key. */
export function verifyExportSignature(
  publicKey: DevicePublicKey,
  checksum: string,
  signature: string,
): Promise<boolean> {
  return verifyDeviceSignature(publicKey, signature, signedExportMessage(checksum));
}

/** A device's signature (`es256:…`) of `message`: of an export file, a sealed change or a sealed file. */
export async function signWithDevice(
  privateKey: CryptoKey,
  message: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const signature = await crypto.subtle.sign(DEVICE_SIGNATURE_ALGORITHM, privateKey, message);
  return `es256:${toBase64Url(new Uint8Array(signature))}`;
}

/** False for a signature of `message` that does not verify or is malformed; throws only for an unusable key. */
export async function verifyDeviceSignature(
  publicKey: DevicePublicKey,
  signature: string,
  message: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  if (!ExportSignature.safeParse(signature).success) return false;
  const key = await importDevicePublicKey(publicKey);
  const bytes = fromBase64Url(signature.slice('es256:'.length));
  return crypto.subtle.verify(DEVICE_SIGNATURE_ALGORITHM, key, bytes, message);
}

/** Throws when the coordinates are not a point of the curve. */
export function importDevicePublicKey(publicKey: DevicePublicKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { ...publicKey, ext: true }, DEVICE_KEY_ALGORITHM, true, ['verify']);
}

/** The four members of the JWK that name the key, from a CryptoKey of Web Crypto. */
export async function exportDevicePublicKey(key: CryptoKey): Promise<DevicePublicKey> {
  return DevicePublicKey.parse(await crypto.subtle.exportKey('jwk', key));
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
