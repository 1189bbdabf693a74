import { Hono, type Context } from 'hono';
import { z } from 'zod/mini';
import {
  CHUNK_CONTENT_TYPE,
  MAX_MEDIA_BYTES,
  MAX_MEDIA_CHUNK_BYTES,
  MEDIA_HEADERS,
  MediaType,
  Sha256Hex,
} from '../../core/sync/media';
import { requireUser } from '../auth/session';
import type { AppEnv, Clock } from '../http/env';
import { HttpError, issuesOf } from '../http/errors';
import { downloadAccess } from '../media/access';
import type { ServerLimits } from '../limits/config';
import { rateLimit } from '../limits/rateLimit';
import { readChunk } from '../media/readChunk';
import { receiveChunk } from '../media/receiveChunk';
import { streamBlob } from '../media/streamBlob';
import type { Storage } from '../storage/Storage';

/** A size in bytes as a header gives it: digits only (no sign, exponent or fraction). */
const ByteCount = z.pipe(
  z.string().check(z.regex(/^\d{1,15}$/, 'must be a number of bytes')),
  z.transform(Number),
);

/** The headers of a chunk, by name (trimmed; an absent media type is a plain file's). */
const ChunkHeaders = z.object({
  [MEDIA_HEADERS.offset]: ByteCount,
  [MEDIA_HEADERS.length]: ByteCount,
  [MEDIA_HEADERS.type]: z._default(MediaType, 'application/octet-stream'),
});

function chunkHeaders(c: Context<AppEnv>): { offset: number; length: number; type: string } {
  const header = (name: string) => c.req.header(name)?.trim() || undefined;
  const parsed = ChunkHeaders.safeParse(
    Object.fromEntries(Object.values(MEDIA_HEADERS).map((name) => [name, header(name)])),
  );
  if (!parsed.success) throw new HttpError('bad_request', 'Invalid upload headers', issuesOf(parsed.error));
  const { offset, length, type } = MEDIA_HEADERS;
  return { offset: parsed.data[offset], length: parsed.data[length], type: parsed.data[type] };
}

function shaParam(c: Context<AppEnv>): string {
  const parsed = Sha256Hex.safeParse(c.req.param('sha256'));
  if (!parsed.success)
    throw new HttpError('not_found', 'Media are named by the lowercase hex SHA-256 of their bytes');
  return parsed.data;
}

/**
 * Photos, recordings and files (docs/sync-protocol.md, "Media"), named by the SHA-256 of their bytes:
 * `HEAD` says how much of the caller's own upload the server holds, `PATCH` appends a chunk at that offset,
 * `GET` downloads (media/access.ts says who may).
 */
export function mediaRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/media/*', requireUser(storage, now));
  // Chunks and downloads; HEAD goes through.
  routes.use('/media/*', rateLimit(storage, now, limits.rate, 'media'));

  // Hono answers HEAD with this GET handler (and drops the body), so the method tells them apart.
  routes.get('/media/:sha256', async (c) => {
    const sha256 = shaParam(c);
    if (c.req.method === 'HEAD') {
      // The caller's own upload only, to skip or resume it: a file someone else sent looks absent (404,
      // offset 0), so HEAD tells nobody what the server holds.
      const upload = await storage.media.getUpload(sha256, c.var.user.id);
      if (upload?.completedAt) {
        c.header(MEDIA_HEADERS.offset, String(upload.length));
        c.header(MEDIA_HEADERS.length, String(upload.length));
        return c.body(null, 200);
      }
      c.header(MEDIA_HEADERS.offset, String(upload?.received ?? 0));
      if (upload) c.header(MEDIA_HEADERS.length, String(upload.length));
      return c.body(null, 404);
    }
    const access = await downloadAccess(storage, c.var.user, sha256);
    if (access === 'forbidden')
      throw new HttpError('forbidden', 'No submission you may see gives access to this file');
    const blob = access === 'allowed' ? await storage.media.getBlob(sha256) : undefined;
    if (!blob) throw new HttpError('not_found', 'This file has not been received from the device yet');
    await storage.audit({
      at: now().toISOString(),
      userId: c.var.user.id,
      action: 'media.download',
      tbl: 'media',
      recordId: sha256,
      ...c.var.client,
    });
    return c.body(streamBlob(storage.media, blob), 200, {
      'Content-Type': blob.type,
      'Content-Length': String(blob.size),
      // Fetched by the app, never opened as a page: a file uploaded as text/html must not run as one.
      'Content-Disposition': 'attachment',
    });
  });

  routes.patch('/media/:sha256', async (c) => {
    const sha256 = shaParam(c);
    const { offset, length, type } = chunkHeaders(c);
    if (length > MAX_MEDIA_BYTES) {
      throw new HttpError('payload_too_large', `Files are limited to ${MAX_MEDIA_BYTES / 1024 / 1024} MiB`);
    }
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== CHUNK_CONTENT_TYPE) {
      throw new HttpError('unsupported_media_type', `Send chunks as ${CHUNK_CONTENT_TYPE}`);
    }
    const encoding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      throw new HttpError('unsupported_media_type', 'Send chunks as they are: media are compressed already');
    }
    const data = await readChunk(c, MAX_MEDIA_CHUNK_BYTES);
    const result = await receiveChunk(storage, c.var.user, { sha256, offset, length, type, data }, now());
    c.header(MEDIA_HEADERS.offset, String(result.offset));
    c.header(MEDIA_HEADERS.length, String(result.length));
    return c.json(result);
  });

  return routes;
}
