import { createHash } from 'node:crypto';
import type { MediaUploadResponse } from '../../core/sync/media';
import { HttpError } from '../http/errors';
import type { MediaOps, MediaUploadRecord } from '../storage/MediaOps';
import type { Storage, UserRecord } from '../storage/Storage';

/** Chunks read at a time while hashing a finished upload (4 chunks of 256 KiB stay well under 2 MiB). */
const HASH_PAGE = 4;

export interface ChunkRequest {
  sha256: string;
  /** Where the chunk starts (Upload-Offset). */
  offset: number;
  /** The size of the whole file (Upload-Length). */
  length: number;
  /** The file's media type. */
  type: string;
  data: Uint8Array;
}

type Outcome =
  | { kind: 'ok'; response: MediaUploadResponse }
  | { kind: 'offset_mismatch'; offset: number }
  | { kind: 'hash_mismatch' };

/**
 * Appends one chunk of `user`'s upload, in one transaction with the offset it moves; when the last byte
 * arrives, checks the SHA-256 of the whole file and either keeps it as the blob or discards the upload.
 *
 * Each user resumes only their own upload, so nobody can block or spoil someone else's (the hash check
 * stops spoiling anyway, but not a stalled upload of the wrong length). A chunk sent again after its answer
 * was lost is refused with `offset_mismatch` and the server's offset, from which the device resumes.
 *
 * Nothing here depends on what others uploaded: a file the server holds from someone else must still be sent
 * whole by this user (the bytes are checked, then dropped), so answers never tell whether it exists, and a
 * completed upload proves its user holds the file (media/access.ts).
 */
export async function receiveChunk(
  storage: Storage,
  user: UserRecord,
  chunk: ChunkRequest,
  now: Date,
): Promise<MediaUploadResponse> {
  const at = now.toISOString();
  const outcome = await storage.transaction(async (tx): Promise<Outcome> => {
    const media = tx.media;
    const fresh: MediaUploadRecord = {
      sha256: chunk.sha256,
      userId: user.id,
      length: chunk.length,
      type: chunk.type,
      received: 0,
      createdAt: at,
      updatedAt: at,
      completedAt: null,
    };
    let upload = await media.lockUpload(fresh);
    // This user sent the whole file already (their last answer was lost, or another of their devices did).
    if (upload.completedAt !== null) return { kind: 'ok', response: done(chunk.sha256, upload.length) };
    if (upload.length !== chunk.length) {
      // The same hash with another size can only be a broken earlier attempt: start it again.
      await media.resetUpload({ ...upload, length: chunk.length, type: chunk.type, updatedAt: at });
      upload = { ...upload, length: chunk.length, type: chunk.type, received: 0 };
    }
    // Answered after the commit, so that a restart above is kept.
    if (chunk.offset !== upload.received) return { kind: 'offset_mismatch', offset: upload.received };
    const end = chunk.offset + chunk.data.byteLength;
    if (end > upload.length) {
      throw new HttpError('bad_request', `The chunk ends at ${end}, past the file's length ${upload.length}`);
    }
    if (chunk.data.byteLength > 0)
      await media.appendChunk(chunk.sha256, user.id, chunk.offset, chunk.data, at);
    if (end < upload.length) {
      return {
        kind: 'ok',
        response: { sha256: chunk.sha256, offset: end, length: upload.length, complete: false },
      };
    }

    if ((await hashUpload(media, chunk.sha256, user.id)) !== chunk.sha256) {
      await media.discardUpload(chunk.sha256, user.id, { keepRow: false });
      return { kind: 'hash_mismatch' };
    }
    await media.completeUpload(chunk.sha256, user.id, at);
    const kept = await media.insertBlob({
      sha256: chunk.sha256,
      userId: user.id,
      size: upload.length,
      type: upload.type,
      createdAt: at,
    });
    // The server held the file already (another user sent it): it is kept once, these bytes are the same.
    // This user's completed upload stays, as the proof that they hold the file.
    if (!kept) await media.discardUpload(chunk.sha256, user.id, { keepRow: true });
    // Their submissions naming the file now let their readers download it.
    await media.grantRefs(chunk.sha256, user.id);
    return { kind: 'ok', response: done(chunk.sha256, upload.length) };
  });
  if (outcome.kind === 'offset_mismatch') {
    throw new HttpError(
      'offset_mismatch',
      `The server holds ${outcome.offset} bytes of this file: send from there`,
      { offset: outcome.offset },
    );
  }
  // Thrown after the commit, so the discarded bytes stay discarded.
  if (outcome.kind === 'hash_mismatch') {
    throw new HttpError(
      'hash_mismatch',
      'The bytes received do not have the SHA-256 they were sent under; they were discarded: send the file again',
    );
  }
  return outcome.response;
}

function done(sha256: string, size: number): MediaUploadResponse {
  return { sha256, offset: size, length: size, complete: true };
}

/** The hex SHA-256 of an upload's chunks, read a few at a time. */
async function hashUpload(media: MediaOps, sha256: string, userId: string): Promise<string> {
  const hash = createHash('sha256');
  let from = 0;
  for (;;) {
    const page = await media.readChunks(sha256, userId, from, HASH_PAGE);
    for (const chunk of page) {
      if (chunk.position !== from) throw new Error(`Upload ${sha256} has a hole at ${from}`);
      hash.update(chunk.data);
      from += chunk.data.byteLength;
    }
    if (page.length < HASH_PAGE) return hash.digest('hex');
  }
}
