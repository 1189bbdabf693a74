/** Bodies below this are sent as they are: gzip's header and the CPU cost outweigh the saving. */
export const GZIP_MIN_BYTES = 1024;

export interface EncodedBody {
  body: BodyInit;
  gzipped: boolean;
}

/**
 * Encodes a JSON body, gzipped when it is large enough and the browser has CompressionStream (every current
 * browser; older ones send it plain, which the server accepts too). Agents sync over slow, metered links.
 */
export async function encodeJsonBody(json: string): Promise<EncodedBody> {
  const bytes = new TextEncoder().encode(json);
  if (bytes.byteLength < GZIP_MIN_BYTES || typeof CompressionStream === 'undefined') {
    return { body: json, gzipped: false };
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  const gzipped = await new Response(stream).arrayBuffer();
  return { body: gzipped, gzipped: true };
}
