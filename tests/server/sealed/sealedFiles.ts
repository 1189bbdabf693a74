import { createHash } from 'node:crypto';
import { CHUNK_CONTENT_TYPE, MediaUploadResponse } from '../../../src/core/sync/media';
import type { ServerKeyResponse } from '../../../src/core/sync/sealed';
import {
  sealMedia,
  signSealedMedia,
  type SealedMediaFields,
  type SealedMediaRequest,
} from '../../../src/core/sync/sealedMedia';
import type { TestServer } from '../harness';

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A file sealed by a device as the app does it: the ciphertext and the signed finish request. `tamper`
 * changes the fields before they are signed (a device signing something false).
 */
export async function sealedFile(
  server: ServerKeyResponse,
  deviceKey: CryptoKey,
  clientId: string,
  bytes: Uint8Array,
  tamper: (fields: SealedMediaFields, ct: Uint8Array<ArrayBuffer>) => void = () => undefined,
): Promise<{ ct: Uint8Array<ArrayBuffer>; request: SealedMediaRequest }> {
  const { header, ct } = await sealMedia(server, bytes);
  const fields: SealedMediaFields = {
    clientId,
    sha256: hex(bytes),
    type: 'image/jpeg',
    size: bytes.byteLength,
    sealedSha256: hex(ct),
    header,
  };
  tamper(fields, ct);
  const signature = await signSealedMedia(deviceKey, fields);
  return { ct, request: { protocol: 4, ...fields, signature } };
}

/** Uploads `bytes` under their own SHA-256 with the ordinary chunk requests, as `token`'s user. */
export async function uploadChunks(server: TestServer, token: string, bytes: Uint8Array, chunk = 16 * 1024) {
  const sha256 = hex(bytes);
  let offset = 0;
  for (;;) {
    const res = await server.request(`/api/media/${sha256}`, {
      method: 'PATCH',
      token,
      body: new Uint8Array(bytes.subarray(offset, offset + chunk)),
      headers: {
        'content-type': CHUNK_CONTENT_TYPE,
        'upload-offset': String(offset),
        'upload-length': String(bytes.byteLength),
        'upload-media-type': 'application/octet-stream',
      },
    });
    if (res.status !== 200) throw new Error(`chunk at ${offset}: ${res.status} ${await res.text()}`);
    const answer = MediaUploadResponse.parse(await res.json());
    if (answer.complete) return sha256;
    offset = answer.offset;
  }
}
