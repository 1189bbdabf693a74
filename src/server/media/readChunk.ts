import type { Context } from 'hono';
import { HttpError } from '../http/errors';

/**
 * The body of a chunk request, at most `limit` bytes. A body cut off on the way (the connection dropped)
 * is refused whole: nothing of it is stored, and the device resumes from the server's offset.
 */
export async function readChunk(c: Context, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new HttpError('payload_too_large', `Chunks are limited to ${limit} bytes`);
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      parts.push(value);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError('bad_request', 'The chunk was cut off');
  }
  if (Number.isFinite(declared) && declared > 0 && size !== declared) {
    throw new HttpError('bad_request', `The chunk was cut off: ${size} of ${declared} bytes arrived`);
  }
  return Buffer.concat(parts, size);
}
