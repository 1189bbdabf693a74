import type { MediaBlobRecord, MediaOps } from '../storage/MediaOps';

/** Chunks read per database round trip while streaming a download. */
const STREAM_PAGE = 4;

/**
 * The bytes of a blob as a stream, read from the database a few chunks at a time as the client takes
 * them: a 100 MiB video never sits whole in the server's memory. Blobs never change once complete.
 */
export function streamBlob(media: MediaOps, blob: MediaBlobRecord): ReadableStream<Uint8Array> {
  let from = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (from >= blob.size) {
        controller.close();
        return;
      }
      const page = await media.readChunks(blob.sha256, blob.userId, from, STREAM_PAGE);
      if (page.length === 0) {
        controller.error(new Error(`Blob ${blob.sha256} is missing bytes from ${from}`));
        return;
      }
      for (const chunk of page) {
        controller.enqueue(new Uint8Array(chunk.data));
        from = chunk.position + chunk.data.byteLength;
      }
    },
  });
}
