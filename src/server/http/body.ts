import type { Context } from 'hono';
import { constants } from 'node:buffer';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { z } from 'zod/mini';
import { MAX_BODY_BYTES } from '../../core/sync/protocol';
import { HttpError, issuesOf } from './errors';

const gunzipAsync = promisify(gunzip);

const tooLarge = (limit = MAX_BODY_BYTES) =>
  new HttpError('payload_too_large', `Request body exceeds ${limit} bytes`);

/** Reads at most `limit` bytes of the raw body, refusing more without buffering it. */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Gzip bytes inflated to at most `limit` bytes (a small "zip bomb" never fills the memory); beyond it throws
 * `onTooLarge()`, and `bad_request` with `invalid` for bytes that are not gzip.
 */
export async function gunzipAtMost(
  raw: Uint8Array,
  limit: number,
  onTooLarge: () => HttpError,
  invalid: string,
): Promise<Buffer> {
  try {
    // zlib takes no Infinity (the CLI import has no limit): its own maximum then.
    return await gunzipAsync(raw, { maxOutputLength: Math.min(limit, constants.MAX_LENGTH) });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw onTooLarge();
    throw new HttpError('bad_request', invalid);
  }
}

async function decode(raw: Buffer, encoding: string): Promise<Buffer> {
  if (encoding === '' || encoding === 'identity') return raw;
  if (encoding !== 'gzip')
    throw new HttpError('unsupported_media_type', `Unsupported Content-Encoding: ${encoding}`);
  return gunzipAtMost(raw, MAX_BODY_BYTES, tooLarge, 'Body is not valid gzip');
}

/**
 * The request's JSON body, validated with `schema`. Devices on slow links send gzip; the size limit applies
 * both to the bytes on the wire and to the decompressed body.
 */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError('unsupported_media_type', 'Send the body as application/json');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const raw = await readLimited(c.req.raw.body, MAX_BODY_BYTES);
  const encoding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
  const text = (await decode(raw, encoding)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError('bad_request', 'Body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError('validation', 'Invalid request body', issuesOf(parsed.error));
  return parsed.data;
}

/** The raw body, at most `limit` bytes on the wire (for files that are not JSON requests, e.g. imports). */
export async function readRawBody(c: Context, limit: number): Promise<Buffer> {
  if (Number(c.req.header('content-length') ?? '0') > limit) throw tooLarge(limit);
  return readLimited(c.req.raw.body, limit);
}

/** The query string, validated with `schema`. */
export function readQuery<S extends z.ZodMiniType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new HttpError('validation', 'Invalid query', issuesOf(parsed.error));
  return parsed.data;
}
