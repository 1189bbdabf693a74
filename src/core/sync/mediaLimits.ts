/** The sizes of the media protocol (see media.ts), apart from its schemas so the form page can read them. */

/** What the browser sends per request: small enough to get through on a 2G link before it drops. */
export const MEDIA_CHUNK_BYTES = 256 * 1024;
/** The largest chunk the server takes in one request. */
export const MAX_MEDIA_CHUNK_BYTES = 1024 * 1024;
/**
 * The largest file the server keeps (100 MiB): room for a few minutes of phone video; photos are downscaled
 * on the device to a few hundred KB. The browser refuses bigger files when they are picked.
 */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;
