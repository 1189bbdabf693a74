import { MediaType } from '../../core/sync/media';
import type { ServerKeyResponse } from '../../core/sync/sealed';
import {
  MAX_SEALED_MEDIA_BYTES,
  sealMedia,
  signSealedMedia,
  type SealedMediaRequest,
} from '../../core/sync/sealedMedia';

/**
 * A file sealed to the server's key for "sync without unlocking" (docs/sync-protocol.md, "Sealed files"):
 * the ciphertext and the signed request that finishes it. A plain object, stored as it is in IndexedDB (on
 * the media row, beside the file sealed under the user's own key), so that a locked tablet, or another
 * user signed in on it, can send it (src/app/sync/sendSealedMedia.ts) without being able to read it.
 */
export interface SealedMediaEnvelope {
  /** The finish request without `protocol` (added when it is sent, by the version then running). */
  request: Omit<SealedMediaRequest, 'protocol'>;
  /** The ciphertext: the file's size plus 16 bytes. */
  ct: Uint8Array;
}

const hex = (digest: ArrayBuffer) =>
  [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Seals `file` (its bytes in `blob`) to the server's key and signs it with the device's key, while the
 * vault is open. The bytes must be those `sha256` and `size` name: the server would refuse anything else,
 * and by then nobody could make it right (throws); so must a file too big to travel sealed
 * (MAX_SEALED_MEDIA_BYTES: it goes when the tablet is unlocked). Web Crypto seals the file whole, so it sits in memory
 * twice for a moment: fine for photos downscaled on the device, heavy for a long video.
 */
export async function sealMediaForServer(
  ctx: { server: ServerKeyResponse; deviceKey: CryptoKey; clientId: string },
  file: { sha256: string; type: string; size: number; blob: Blob },
): Promise<SealedMediaEnvelope> {
  if (file.size > MAX_SEALED_MEDIA_BYTES)
    throw new Error(`File ${file.sha256} is too large to be sealed (${file.size} bytes)`);
  const bytes = new Uint8Array(await file.blob.arrayBuffer());
  if (bytes.byteLength !== file.size || hex(await crypto.subtle.digest('SHA-256', bytes)) !== file.sha256)
    throw new Error(`The stored bytes of file ${file.sha256} do not match its SHA-256 or size`);
  const { header, ct } = await sealMedia(ctx.server, bytes);
  const fields = {
    clientId: ctx.clientId,
    sha256: file.sha256,
    // As uploadMedia sends it: a type the protocol does not take travels as a plain file's.
    type: MediaType.safeParse(file.type).success ? file.type : 'application/octet-stream',
    size: file.size,
    sealedSha256: hex(await crypto.subtle.digest('SHA-256', ct)),
    header,
  };
  return { request: { ...fields, signature: await signSealedMedia(ctx.deviceKey, fields) }, ct };
}
