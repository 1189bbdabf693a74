import { MEDIA_CHUNK_BYTES, MediaOffsetDetails } from '../../core/sync/media';
import { PROTOCOL_VERSION } from '../../core/sync/protocol';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { SealedMediaRequest } from '../../core/sync/sealedMedia';
import type { SealedMediaEnvelope } from '../vault/sealedMedia';

/** Answers in a row that do not move the offset before giving up for this run (as uploadMedia). */
const MAX_STALLS = 5;

/**
 * Sends a sealed file (docs/sync-protocol.md, "Sealed files"): its ciphertext by the ordinary resumable
 * upload under the ciphertext's own SHA-256 (`HEAD` for the server's offset, `PATCH` chunks, resuming from
 * the server's offset after a cut or a lost answer), then `POST /api/media/sealed`. Any signed-in user may
 * send it; nothing here needs the vault open.
 *
 * When the server holds none of the ciphertext, the finish is tried first: after a lost answer to an earlier
 * finish (the ciphertext is dropped once opened) it answers `complete` without the file being sent again,
 * and a refusal (revoked device, bad signature…) comes before the upload rather than after. Errors are the
 * API client's (ApiError, NetworkError): the caller retries transient ones and keeps the envelope.
 */
export async function sendSealedMedia(
  api: ApiClient,
  envelope: SealedMediaEnvelope,
  options: { chunkBytes?: number } = {},
): Promise<void> {
  const request: SealedMediaRequest = {
    protocol: PROTOCOL_VERSION,
    ...envelope.request,
  };
  const { sealedSha256 } = request;
  const { ct } = envelope;
  const state = await api.media.status(sealedSha256);
  if (!state.complete) {
    if (state.offset === 0 && (await finished(api, request))) return;
    await upload(api, sealedSha256, ct, state.offset <= ct.byteLength ? state.offset : 0, options.chunkBytes);
  }
  await api.media.finishSealedMedia(request);
}

/** True when the finish went through; false when the server holds no ciphertext of ours (404). */
async function finished(api: ApiClient, request: SealedMediaRequest): Promise<boolean> {
  try {
    await api.media.finishSealedMedia(request);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return false;
    throw error;
  }
}

async function upload(
  api: ApiClient,
  sha256: string,
  ct: Uint8Array,
  from: number,
  chunkBytes = MEDIA_CHUNK_BYTES,
): Promise<void> {
  let offset = from;
  let stalls = 0;
  for (;;) {
    const bytes = ct.slice(offset, offset + chunkBytes).buffer;
    let next: number;
    try {
      const answer = await api.media.upload(sha256, {
        offset,
        length: ct.byteLength,
        type: 'application/octet-stream',
        bytes,
      });
      if (answer.complete) return;
      next = answer.offset;
    } catch (error) {
      // The answer to an earlier chunk was lost, or another tab sent it: go on from the server's offset.
      const details =
        error instanceof ApiError &&
        error.code === 'offset_mismatch' &&
        MediaOffsetDetails.safeParse(error.details);
      if (!details || !details.success) throw error;
      next = details.data.offset;
    }
    stalls = next > offset ? 0 : stalls + 1;
    if (stalls > MAX_STALLS)
      throw new ApiError(200, 'invalid_response', 'The server does not take the chunks of this sealed file');
    offset = next;
  }
}
