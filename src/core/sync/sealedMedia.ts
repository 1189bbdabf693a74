import { z } from 'zod/mini';
import { canonicalJson } from './canonicalJson';
import { ExportSignature, signWithDevice, verifyDeviceSignature, type DevicePublicKey } from './devices';
import { MAX_MEDIA_BYTES, MediaType, Sha256Hex } from './media';
import { ClientId, SUPPORTED_PROTOCOLS } from './protocol';
import { openBytes, sealBytes, SealedHeader, type ServerKeyResponse } from './sealed';

/**
 * Sealed files (docs/sync-protocol.md, "Sealed files"): the media half of "sync without unlocking". A file
 * that a sealed change names is sealed to the server's key exactly like a change (sealed.ts), but under its
 * own purpose string, so a change box never opens as a file nor a file as a change. The ciphertext travels
 * as raw bytes through the ordinary resumable upload (`PATCH /api/media/<sealedSha256>`), so it resumes over
 * a link that drops; `POST /api/media/sealed` then asks the server to open it and keep the plain file as
 * its author's upload. The device's signature binds the plain file (hash, type, size) to the ciphertext
 * and the header, so nobody on the tablet can swap one file for another under the author's name.
 */
export const SEALED_MEDIA_INFO = 'terrain-sealed-media/1';

/** AES-GCM adds a 16-byte tag: a sealed file is this much longer than the plain one. */
export const SEALED_MEDIA_OVERHEAD = 16;

/**
 * The largest file that travels sealed: its ciphertext must fit the upload's limit (MAX_MEDIA_BYTES). A
 * file within 16 bytes of that limit is sent when the tablet is unlocked, as any file.
 */
export const MAX_SEALED_MEDIA_BYTES = MAX_MEDIA_BYTES - SEALED_MEDIA_OVERHEAD;

/** Everything that opens a sealed file besides the server's key and the ciphertext. */
export const SealedMediaHeader = SealedHeader;
export type SealedMediaHeader = SealedHeader;

/** `POST /api/media/sealed`: open the uploaded ciphertext `sealedSha256` and keep it as the author's file. */
export const SealedMediaRequest = z.object({
  protocol: z.literal(SUPPORTED_PROTOCOLS),
  /** The device that sealed the file: its owner is the file's author, not the sender. */
  clientId: ClientId,
  /** The plain file's SHA-256, the name its submissions give it. */
  sha256: Sha256Hex,
  type: MediaType,
  /** The plain file's size in bytes. */
  size: z.int().check(z.nonnegative(), z.maximum(MAX_SEALED_MEDIA_BYTES)),
  /** The SHA-256 of the ciphertext, the name it was uploaded under. */
  sealedSha256: Sha256Hex,
  header: SealedMediaHeader,
  signature: ExportSignature,
});
export type SealedMediaRequest = z.infer<typeof SealedMediaRequest>;

/** The answer: the plain file is now the author's completed upload. */
export const SealedMediaResponse = z.object({ sha256: Sha256Hex, complete: z.literal(true) });
export type SealedMediaResponse = z.infer<typeof SealedMediaResponse>;

/** What the device signs: the request without the protocol (which may change) and the signature. */
export type SealedMediaFields = Omit<SealedMediaRequest, 'protocol' | 'signature'>;

/** Seals a file's bytes to the server's key; the ciphertext is `SEALED_MEDIA_OVERHEAD` bytes longer. */
export function sealMedia(
  server: ServerKeyResponse,
  bytes: Uint8Array,
): Promise<{ header: SealedMediaHeader; ct: Uint8Array<ArrayBuffer> }> {
  return sealBytes(server, bytes, SEALED_MEDIA_INFO);
}

/** Opens a sealed file with the server's private key; throws when altered, or not sealed as a file. */
export function openSealedMedia(
  serverPrivateKey: CryptoKey,
  header: SealedMediaHeader,
  ct: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return openBytes(serverPrivateKey, header, ct, SEALED_MEDIA_INFO);
}

/** One field a line: none of them can hold a newline (hex, media type, id, number, canonical JSON). */
function signedMessage(f: SealedMediaFields): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    [SEALED_MEDIA_INFO, f.clientId, f.sha256, f.type, f.size, f.sealedSha256, canonicalJson(f.header)].join(
      '\n',
    ),
  );
}

export function signSealedMedia(devicePrivateKey: CryptoKey, fields: SealedMediaFields): Promise<string> {
  return signWithDevice(devicePrivateKey, signedMessage(fields));
}

/** False for a signature that does not verify or is malformed. */
export function verifySealedMedia(
  devicePublicKey: DevicePublicKey,
  request: Omit<SealedMediaRequest, 'protocol'>,
): Promise<boolean> {
  return verifyDeviceSignature(devicePublicKey, request.signature, signedMessage(request));
}
