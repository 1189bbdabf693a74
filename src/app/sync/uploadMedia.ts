import { MAX_MEDIA_BYTES, MEDIA_CHUNK_BYTES, MediaOffsetDetails, MediaType } from '../../core/sync/media';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { sha256Hex } from '../components/questions/media/prepareMedia';
import type { MediaRecord } from '../db/schema';
import type { TerrainDb } from '../db/TerrainDb';
import {
  checkOldMedia,
  listMediaToUpload,
  markMediaRefused,
  markMediaUploaded,
} from '../repositories/mediaUploads';

export interface MediaUploadOptions {
  /** Bytes the server holds so far out of those of every file to send in this run. */
  onProgress: (progress: { sent: number; total: number }) => void;
  chunkBytes?: number;
}

/** Answers in a row that do not move the offset before we give up on a file for this run. */
const MAX_STALLS = 5;

/**
 * Sends the files named by the submissions this device pushed (records go first: the server accepts a
 * submission whose photo is not there yet). For each: `HEAD` to skip what this user already sent and learn
 * where an upload cut earlier resumes, then chunks from the server's offset; the server checks the SHA-256 at
 * the end. A file the server holds only from someone else is sent whole: that is how the server knows this
 * user holds it, and lets the reviewers of their submissions download it.
 *
 * A network failure, 5xx, 429 or 401 stops the run (the engine retries with its backoff: what was sent is
 * kept and resumed). A refusal about one file does not hold up the others; it is reported after them.
 */
export async function uploadMedia(db: TerrainDb, api: ApiClient, options: MediaUploadOptions): Promise<void> {
  await checkOldMedia(db);
  const queue = await listMediaToUpload(db);
  if (queue.length === 0) return;
  const total = queue.reduce((sum, media) => sum + media.blob.size, 0);
  let done = 0;
  let refusal: ApiError | null = null;
  options.onProgress({ sent: 0, total });
  for (const media of queue) {
    try {
      await uploadOne(db, api, media, options.chunkBytes ?? MEDIA_CHUNK_BYTES, (offset) =>
        options.onProgress({ sent: done + offset, total }),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || error.transient || error.status === 401) throw error;
      refusal ??= error;
    }
    done += media.blob.size;
    options.onProgress({ sent: done, total });
  }
  if (refusal) throw refusal;
}

async function uploadOne(
  db: TerrainDb,
  api: ApiClient,
  media: MediaRecord,
  chunkBytes: number,
  onOffset: (offset: number) => void,
): Promise<void> {
  const { sha256, blob } = media;
  if (blob.size > MAX_MEDIA_BYTES) {
    await markMediaRefused(db, sha256, 'too_large');
    return;
  }
  const type = MediaType.safeParse(media.type).success ? media.type : 'application/octet-stream';
  const state = await api.media.status(sha256);
  let complete = state.complete;
  // An offset past our size belongs to a broken attempt of another length: the server restarts it at 0.
  let offset = state.offset <= blob.size ? state.offset : 0;
  let stalls = 0;
  while (!complete) {
    onOffset(offset);
    const bytes = await blob.slice(offset, offset + chunkBytes).arrayBuffer();
    let next: number;
    try {
      const answer = await api.media.upload(sha256, { offset, length: blob.size, type, bytes });
      next = answer.offset;
      complete = answer.complete;
    } catch (error) {
      const resumeAt = offsetMismatch(error);
      if (resumeAt !== null) {
        // The answer to an earlier chunk was lost, or another tab sent it: go on from the server's offset.
        next = resumeAt;
      } else if (error instanceof ApiError && error.code === 'payload_too_large') {
        await markMediaRefused(db, sha256, 'too_large');
        return;
      } else if (error instanceof ApiError && error.code === 'hash_mismatch') {
        // Bytes damaged on the way are sent again next time; bytes damaged on the device never will match.
        if ((await sha256Hex(blob)) !== sha256) await markMediaRefused(db, sha256, 'corrupt');
        throw error;
      } else {
        throw error;
      }
    }
    stalls = next > offset || complete ? 0 : stalls + 1;
    if (stalls > MAX_STALLS) {
      throw new ApiError(200, 'invalid_response', 'The server does not take the chunks of this file');
    }
    offset = next;
  }
  onOffset(blob.size);
  await markMediaUploaded(db, sha256);
}

function offsetMismatch(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'offset_mismatch') return null;
  const details = MediaOffsetDetails.safeParse(error.details);
  return details.success ? details.data.offset : null;
}
