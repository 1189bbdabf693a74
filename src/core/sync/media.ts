import { z } from 'zod/mini';

/**
 * The media part of the sync protocol (docs/sync-protocol.md, "Media"): photos, recordings and files travel
 * apart from the records, as blobs named by the SHA-256 of their bytes, uploaded in chunks that resume from
 * the server's offset after a cut.
 */

export { MAX_MEDIA_BYTES, MAX_MEDIA_CHUNK_BYTES, MEDIA_CHUNK_BYTES } from './mediaLimits';

export const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'Not a lowercase hex SHA-256'));

/** Headers of the upload (named as in tus, https://tus.io/protocols/resumable-upload). */
export const MEDIA_HEADERS = {
  /** Where the chunk starts (request), or how many bytes the server holds (response). */
  offset: 'Upload-Offset',
  /** The size of the whole file. */
  length: 'Upload-Length',
  /** The file's own media type (the chunk itself is `application/offset+octet-stream`). */
  type: 'Upload-Media-Type',
} as const;

export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';

/** A media type without parameters, as stored and served back as the download's Content-Type. */
export const MediaType = z
  .string()
  .check(z.maxLength(255), z.regex(/^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*$/, 'Not a media type'));

/** The answer to a chunk: how much of the file the server now holds. */
export const MediaUploadResponse = z.object({
  sha256: Sha256Hex,
  offset: z.int().check(z.nonnegative()),
  length: z.int().check(z.nonnegative()),
  /** True once every byte arrived and their SHA-256 matched. */
  complete: z.boolean(),
});
export type MediaUploadResponse = z.infer<typeof MediaUploadResponse>;

/** Details of `offset_mismatch`: resend from `offset`, the bytes the server holds. */
export const MediaOffsetDetails = z.object({ offset: z.int().check(z.nonnegative()) });
