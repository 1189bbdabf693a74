import { Hono, type Context } from 'hono';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hasRole } from '../../core/records/user';
import { MapPackId, MapPackUploadFields, type MapPackList } from '../../core/maps/mapPack';
import { requireUser } from '../auth/session';
import type { AppEnv, Clock } from '../http/env';
import { HttpError, issuesOf } from '../http/errors';
import type { MapPackConfig } from '../maps/config';
import { MultipartError, receiveMultipart } from '../maps/multipartToDisk';
import { MapPackFileError } from '../maps/pmtilesFile';
import { parseRange } from '../maps/range';
import { publicPack, storeUploadedPack } from '../maps/storePack';
import { MAP_PACK_STORE_CHUNK, type MapPackRecord } from '../storage/MapPackOps';
import type { Storage } from '../storage/Storage';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a server stopped mid-upload left: a pack whose chunks were still being written (never listed), and
 * files in the working directory, a day old. Swept before each upload, which is rare.
 */
async function sweepStale(storage: Storage, workDir: string, now: Date): Promise<void> {
  const before = new Date(now.getTime() - DAY_MS);
  await storage.mapPacks.deleteStale(before.toISOString());
  for (const name of await readdir(workDir).catch(() => [] as string[])) {
    const path = join(workDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtime < before) await rm(path, { force: true });
  }
}

/** Room for the multipart envelope and the text fields around the largest accepted pack. */
const ENVELOPE_BYTES = 64 * 1024;

async function requireMember(storage: Storage, c: Context<AppEnv>, projectId: string): Promise<void> {
  const user = c.var.user;
  if (user.role !== 'admin' && !(await storage.isProjectMember(projectId, user.id)))
    throw new HttpError('forbidden', 'You are not a member of this project');
}

/** Supervisors manage the packs of their own projects, admins those of any. */
async function requirePackManager(storage: Storage, c: Context<AppEnv>, projectId: string): Promise<void> {
  if (!hasRole(c.var.user.role, 'supervisor'))
    throw new HttpError('forbidden', 'Only supervisors and admins manage map packs');
  await requireMember(storage, c, projectId);
}

async function packOf(storage: Storage, c: Context<AppEnv>): Promise<MapPackRecord> {
  const id = MapPackId.safeParse(c.req.param('id'));
  const pack = id.success ? await storage.mapPacks.getPack(id.data) : undefined;
  if (!pack?.ready) throw new HttpError('not_found', 'No such map pack');
  return pack;
}

/** The bytes `start`…`end` of a pack, read from the database one stored chunk at a time. */
function streamRange(
  storage: Storage,
  packId: string,
  start: number,
  end: number,
): ReadableStream<Uint8Array> {
  let next = start;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > end) {
        controller.close();
        return;
      }
      const last = Math.min(end, (Math.floor(next / MAP_PACK_STORE_CHUNK) + 1) * MAP_PACK_STORE_CHUNK - 1);
      controller.enqueue(await storage.mapPacks.readRange(packId, next, last));
      next = last + 1;
    },
  });
}

/**
 * Offline map packs (issue 15; docs/maps.md): listed to the project's members, uploaded by its supervisors
 * and admins (a PMTiles v3 file kept as it is, or an MBTiles file converted once to PMTiles), downloaded by
 * range requests so a device resumes a cut download, and deleted.
 */
export function mapPackRoutes(storage: Storage, now: Clock, config: MapPackConfig): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/projects/:projectId/map-packs', requireUser(storage, now));
  routes.use('/map-packs/*', requireUser(storage, now));

  routes.get('/projects/:projectId/map-packs', async (c) => {
    const projectId = c.req.param('projectId');
    await requireMember(storage, c, projectId);
    const packs = await storage.mapPacks.listPacks(projectId);
    return c.json({ packs: packs.map(publicPack) } satisfies MapPackList);
  });

  routes.post('/projects/:projectId/map-packs', async (c) => {
    const projectId = c.req.param('projectId');
    await requirePackManager(storage, c, projectId);
    const declared = Number(c.req.header('content-length') ?? 0);
    const limitMb = Math.round(config.maxBytes / 1024 / 1024);
    if (declared > config.maxBytes + ENVELOPE_BYTES)
      throw new HttpError('payload_too_large', `Map packs are limited to ${limitMb} MB`);
    await mkdir(config.workDir, { recursive: true, mode: 0o700 });
    await sweepStale(storage, config.workDir, now());
    let received;
    try {
      received = await receiveMultipart(c.req.raw.body, c.req.header('content-type') ?? '', {
        dir: config.workDir,
        fileField: 'file',
        maxFileBytes: config.maxBytes,
        maxFieldBytes: 4096,
      });
    } catch (err) {
      if (err instanceof MultipartError) throw new HttpError(err.kind, err.message);
      throw err;
    }
    const { file } = received;
    try {
      const fields = MapPackUploadFields.safeParse(received.fields);
      if (!fields.success)
        throw new HttpError('validation', 'Invalid map pack fields', issuesOf(fields.error));
      if (!file) throw new HttpError('bad_request', 'The file field is missing');
      if (file.size === 0) throw new HttpError('bad_request', 'The file is empty');
      const pack = await storeUploadedPack(storage, {
        projectId,
        userId: c.var.user.id,
        name: fields.data.name,
        attribution: fields.data.attribution,
        file,
        now: now(),
      }).catch((err: unknown) => {
        if (err instanceof MapPackFileError) throw new HttpError('validation', err.message);
        throw err;
      });
      return c.json(publicPack(pack), 201);
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  });

  // Hono answers HEAD with this handler (and drops the body).
  routes.get('/map-packs/:id/file', async (c) => {
    const pack = await packOf(storage, c);
    await requireMember(storage, c, pack.projectId);
    const etag = `"${pack.sha256}"`;
    const common = {
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Content-Type': 'application/vnd.pmtiles',
      'Content-Disposition': 'attachment',
    };
    if (
      c.req
        .header('if-none-match')
        ?.split(',')
        .some((tag) => tag.trim() === etag)
    )
      return c.body(null, 304, common);
    const ifRange = c.req.header('if-range');
    const rangeHeader = ifRange === undefined || ifRange.trim() === etag ? c.req.header('range') : undefined;
    const range = parseRange(rangeHeader, pack.bytes);
    if (range === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${pack.bytes}`);
      throw new HttpError('range_not_satisfiable', `This pack has ${pack.bytes} bytes`);
    }
    if (!range || range.start === 0) {
      await storage.audit({
        at: now().toISOString(),
        userId: c.var.user.id,
        action: 'map_pack.download',
        tbl: 'map_packs',
        recordId: pack.id,
        ...c.var.client,
      });
    }
    if (!range)
      return c.body(streamRange(storage, pack.id, 0, pack.bytes - 1), 200, {
        ...common,
        'Content-Length': String(pack.bytes),
      });
    return c.body(streamRange(storage, pack.id, range.start, range.end), 206, {
      ...common,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Range': `bytes ${range.start}-${range.end}/${pack.bytes}`,
    });
  });

  routes.delete('/map-packs/:id', async (c) => {
    const pack = await packOf(storage, c);
    await requirePackManager(storage, c, pack.projectId);
    await storage.transaction(async (tx) => {
      await tx.mapPacks.deletePack(pack.id);
      await tx.audit({
        at: now().toISOString(),
        userId: c.var.user.id,
        action: 'map_pack.delete',
        tbl: 'map_packs',
        recordId: pack.id,
        details: { projectId: pack.projectId, name: pack.name },
        ...c.var.client,
      });
    });
    return c.body(null, 204);
  });

  return routes;
}
