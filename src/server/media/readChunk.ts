import type { Context } from 'hono';
import { readRawBody } from '../http/body';
import { HttpError } from '../http/errors';

/**
 * The body of a chunk request, at most `limit` bytes. A body cut off on the way (the connection dropped)
 * is refused whole: nothing of it is stored, and the device resumes from the server's offset.
 */
export async function readChunk(c: Context, limit: number): Promise<Uint8Array> {
  let data: Uint8Array;
  try {
    data = await readRawBody(c, limit);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError('bad_request', 'The chunk was cut off');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > 0 && data.byteLength !== declared) {
    throw new HttpError(
      'bad_request',
      `The chunk was cut off: ${data.byteLength} of ${declared} bytes arrived`,
    );
  }
  return data;
}
