import { z } from 'zod/mini';
import { canonicalJson } from './canonicalJson';
import {
  DevicePublicKey,
  ExportSignature,
  fromBase64Url,
  signWithDevice,
  toBase64Url,
  verifyDeviceSignature,
} from './devices';
import { ClientId, MAX_PUSH_MUTATIONS, SUPPORTED_PROTOCOLS } from './protocol';

/**
 * Sealed changes (docs/sync-protocol.md, "Sealed push"): a device's pending changes encrypted to the
 * server's public key, so they can be sent while the tablet is locked, or by another user signed in on the
 * same tablet (a supervisor syncing agents' tablets at base), without anyone on the tablet reading them.
 *
 * A box is ECIES over Web Crypto alone: an ephemeral ECDH P-256 key agrees a secret with the server's key,
 * HKDF-SHA-256 turns it into an AES-GCM 256 key, and AES-GCM encrypts the change (the header is its
 * additional data). Each sealed change is also signed by its author's device key (as export files are), so
 * the server knows whose device wrote it and that nobody changed it on the way.
 */
export const SEALED_VERSION = 1;
const INFO = 'terrain-sealed/1';

export const KeyId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/));
const Base64Url = z.string().check(z.regex(/^[A-Za-z0-9_-]*$/));

/** `GET /api/server-key`: the key devices seal to. */
export const ServerKeyResponse = z.object({ keyId: KeyId, publicKey: DevicePublicKey });
export type ServerKeyResponse = z.infer<typeof ServerKeyResponse>;

/** What opens a box besides the server's key: everything but the ciphertext (sealed files keep it apart). */
export const SealedHeader = z.object({
  v: z.literal(SEALED_VERSION),
  keyId: KeyId,
  /** The ephemeral public key of this box. */
  epk: DevicePublicKey,
  /** 12 bytes. */
  iv: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/)),
});
export type SealedHeader = z.infer<typeof SealedHeader>;

export const SealedBox = z.extend(SealedHeader, { ct: Base64Url });
export type SealedBox = z.infer<typeof SealedBox>;

/** One sealed change: the device's seq (bound by the signature) and its box. */
export const SealedChange = z.object({
  seq: z.int().check(z.positive()),
  box: SealedBox,
  signature: ExportSignature,
});
export type SealedChange = z.infer<typeof SealedChange>;

/** `POST /api/sync/push-sealed`: the sealed changes of one device, consecutive seqs, sent by any user. */
export const SealedPushRequest = z
  .object({
    protocol: z.literal(SUPPORTED_PROTOCOLS),
    /** The device that wrote the changes (its owner is their author), not the sender's. */
    clientId: ClientId,
    changes: z.array(SealedChange).check(z.minLength(1), z.maxLength(MAX_PUSH_MUTATIONS)),
  })
  .check(
    z.superRefine((req, ctx) => {
      req.changes.forEach((change, i) => {
        const previous = req.changes[i - 1];
        if (previous && change.seq !== previous.seq + 1)
          ctx.addIssue({ code: 'custom', path: ['changes', i, 'seq'], message: 'seqs must be consecutive' });
      });
    }),
  );
export type SealedPushRequest = z.infer<typeof SealedPushRequest>;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encode = (text: string) => new TextEncoder().encode(text);
/** The AES-GCM additional data: the purpose (`info`), the key sealed to and the ephemeral key. */
const additionalData = (info: string, box: Pick<SealedHeader, 'keyId' | 'epk'>) =>
  encode(`${info}|${box.keyId}|${box.epk.x}|${box.epk.y}`);

function importServerPublicKey(publicKey: DevicePublicKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { ...publicKey, ext: true }, ECDH, true, []);
}

async function boxKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  keyId: string,
  info: string,
): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encode(keyId), info: encode(info) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Seals raw bytes to the server's key for one purpose, `info` (`terrain-sealed/1` for changes,
 * `terrain-sealed-media/1` for files): it enters both the HKDF step and the additional data, so a box
 * sealed for one purpose never opens as another. The ciphertext stays bytes (files are large).
 */
export async function sealBytes(
  server: ServerKeyResponse,
  plaintext: Uint8Array,
  info: string,
): Promise<{ header: SealedHeader; ct: Uint8Array<ArrayBuffer> }> {
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const epk = DevicePublicKey.parse(await crypto.subtle.exportKey('jwk', ephemeral.publicKey));
  const key = await boxKey(
    ephemeral.privateKey,
    await importServerPublicKey(server.publicKey),
    server.keyId,
    info,
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const head = { keyId: server.keyId, epk };
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(info, head) },
    key,
    new Uint8Array(plaintext),
  );
  return { header: { v: SEALED_VERSION, ...head, iv: toBase64Url(iv) }, ct: new Uint8Array(ct) };
}

/** Opens what `sealBytes` sealed for `info`; throws when it was altered, or sealed to another key or purpose. */
export async function openBytes(
  serverPrivateKey: CryptoKey,
  header: SealedHeader,
  ct: Uint8Array<ArrayBuffer>,
  info: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const epk = await importServerPublicKey(header.epk);
  const key = await boxKey(serverPrivateKey, epk, header.keyId, info);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(header.iv), additionalData: additionalData(info, header) },
    key,
    ct,
  );
  return new Uint8Array(plain);
}

/** Seals `plaintext` to the server's key: only the holder of its private key can open the box. */
export async function sealForServer(server: ServerKeyResponse, plaintext: Uint8Array): Promise<SealedBox> {
  const { header, ct } = await sealBytes(server, plaintext, INFO);
  return { ...header, ct: toBase64Url(ct) };
}

/** Opens a box with the server's private key; throws when it was altered or sealed to another key. */
export function openSealed(serverPrivateKey: CryptoKey, box: SealedBox): Promise<Uint8Array> {
  const { ct, ...header } = box;
  return openBytes(serverPrivateKey, header, fromBase64Url(ct), INFO);
}

/** What a sealed change's signature signs: the device, the seq and the whole box. */
function signedMessage(clientId: string, seq: number, box: SealedBox): Uint8Array<ArrayBuffer> {
  return encode(`${INFO}\n${clientId}\n${seq}\n${canonicalJson(box)}`);
}

export function signSealed(
  devicePrivateKey: CryptoKey,
  clientId: string,
  seq: number,
  box: SealedBox,
): Promise<string> {
  return signWithDevice(devicePrivateKey, signedMessage(clientId, seq, box));
}

/** False for a signature that does not verify or is malformed. */
export function verifySealed(
  devicePublicKey: DevicePublicKey,
  clientId: string,
  change: SealedChange,
): Promise<boolean> {
  return verifyDeviceSignature(
    devicePublicKey,
    change.signature,
    signedMessage(clientId, change.seq, change.box),
  );
}
