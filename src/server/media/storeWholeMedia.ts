import { MEDIA_CHUNK_BYTES, type MediaUploadResponse } from '../../core/sync/media';
import type { Storage, UserRecord } from '../storage/Storage';
import { receiveChunk } from './receiveChunk';

/**
 * Stores a whole file as if `user` had uploaded it chunk by chunk (e.g. the files of an export brought on
 * a USB stick, as the file's user): same rows, same SHA-256 check (a mismatch throws `hash_mismatch`). A
 * file the server already holds from someone else is checked and kept once, and becomes `user`'s completed
 * upload, so their submissions naming it grant access as after a device's upload. Resumes an unfinished
 * upload of the same user; one they completed already is not sent again.
 */
export async function storeWholeMedia(
  storage: Storage,
  user: UserRecord,
  file: { sha256: string; type: string; bytes: Uint8Array },
  now: Date,
): Promise<MediaUploadResponse> {
  const length = file.bytes.byteLength;
  const upload = await storage.media.getUpload(file.sha256, user.id);
  let offset = upload && upload.length === length && upload.completedAt === null ? upload.received : 0;
  for (;;) {
    const data = file.bytes.subarray(offset, offset + MEDIA_CHUNK_BYTES);
    const answer = await receiveChunk(
      storage,
      user,
      { sha256: file.sha256, offset, length, type: file.type, data },
      now,
    );
    if (answer.complete) return answer;
    offset = answer.offset;
  }
}
