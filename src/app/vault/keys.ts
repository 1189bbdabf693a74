/**
 * The keys of the vault, all through Web Crypto (no library, nothing added to the start-up JavaScript):
 *
 * - the **data key**: AES-GCM 256, one per user per device, made at the user's first sign-in here. It
 *   seals every record that can hold personal data (./seal.ts). Outside of wrapping, it exists only in
 *   memory and not extractable: no script can read its bytes, only use it while the app is unlocked.
 * - the **password key**: PBKDF2-SHA-256 of the user's password (600,000 iterations, OWASP's current
 *   figure, a random 16-byte salt per user), an AES-GCM key that wraps the data key. The password itself is
 *   never stored.
 * - the **server secret key**: the per-user secret the server returns at each online sign-in
 *   (`vaultSecret`), imported as an AES-GCM key that wraps the data key too, so that a password reset by an
 *   operator does not lose the device's data (see ./unlock.ts).
 *
 * A wrapped key is `iv (12 bytes) || AES-GCM(wrapping key, raw data key)`: a wrong password or secret, or a
 * changed byte, fails GCM's tag check and nothing is unwrapped.
 */

export const PBKDF2_ITERATIONS = 600_000;
const IV_BYTES = 12;
const subtle = () => crypto.subtle;

/** The derivation parameters kept beside the wrapped keys. */
export interface KdfParams {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
}

export function newKdfParams(iterations = PBKDF2_ITERATIONS): KdfParams {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: crypto.getRandomValues(new Uint8Array(16)) };
}

/** The key derived from a password: it only wraps and unwraps the data key. */
export async function passwordKey(password: string, params: KdfParams): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: params.hash, salt: params.salt, iterations: params.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** The server's per-user secret (base64url of 32 random bytes) as a wrapping key. */
export async function secretKey(secret: string): Promise<CryptoKey> {
  const bytes = fromBase64Url(secret);
  if (bytes.length !== 32) throw new Error('The server sent a vault secret of the wrong size');
  return subtle().importKey('raw', bytes, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
}

/**
 * A new data key. Extractable only so it can be wrapped once per wrapping key right away; the caller then
 * keeps the non-extractable copy `unwrap` gives back.
 */
export function newDataKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

export async function wrap(dataKey: CryptoKey, wrappingKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const wrapped = new Uint8Array(
    await subtle().wrapKey('raw', dataKey, wrappingKey, { name: 'AES-GCM', iv }),
  );
  const out = new Uint8Array(IV_BYTES + wrapped.length);
  out.set(iv);
  out.set(wrapped, IV_BYTES);
  return out;
}

/**
 * The data key back from its wrapped form; throws (OperationError) when the wrapping key is not the one it
 * was wrapped with, or a byte changed. `extractable` only to wrap it again under a new password.
 */
export function unwrap(
  wrapped: Uint8Array<ArrayBuffer>,
  wrappingKey: CryptoKey,
  extractable = false,
): Promise<CryptoKey> {
  return subtle().unwrapKey(
    'raw',
    wrapped.subarray(IV_BYTES),
    wrappingKey,
    { name: 'AES-GCM', iv: wrapped.subarray(0, IV_BYTES) },
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
