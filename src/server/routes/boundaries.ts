import { Hono } from 'hono';
import {
  BoundaryLevel,
  BoundaryUploadQuery,
  MAX_BOUNDARY_BYTES,
  parseBoundaries,
} from '../../core/public/boundaries';
import { hasRole } from '../../core/records/user';
import { requireUser } from '../auth/session';
import type { AppEnv, Clock } from '../http/env';
import { readQuery, readRawBody } from '../http/body';
import { HttpError, issuesOf } from '../http/errors';
import type { Storage } from '../storage/Storage';

function requireManager(role: Parameters<typeof hasRole>[0]): void {
  if (!hasRole(role, 'supervisor'))
    throw new HttpError('forbidden', 'Only supervisors and admins manage administrative boundaries');
}

/**
 * Administrative boundaries for the public map (issue 15; src/core/public/boundaries.ts), managed by
 * supervisors and admins:
 *
 * - `POST /api/boundaries?level=adm1[&pcode=ADM1_PCODE&name=ADM1_FR&file=…]`: the body is a GeoJSON
 *   FeatureCollection (`application/geo+json` or `application/json`, at most 20 MB) of Polygon and
 *   MultiPolygon features; it replaces the level's areas. OCHA's property names are found when not given.
 *   A refused file answers 400 `validation` with `details: [{ feature, message }]`, one per problem.
 * - `GET /api/boundaries`: the levels uploaded, without their shapes.
 * - `DELETE /api/boundaries/:level`.
 *
 * The public site reads them at `GET /public/api/boundaries` (src/server/routes/public.ts).
 */
export function boundaryRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/boundaries', requireUser(storage, now));
  routes.use('/boundaries/*', requireUser(storage, now));

  routes.get('/boundaries', async (c) => {
    requireManager(c.var.user.role);
    return c.json({ levels: await storage.boundaries.summaries() });
  });

  routes.post('/boundaries', async (c) => {
    requireManager(c.var.user.role);
    const query = readQuery(c, BoundaryUploadQuery);
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(geo\+)?json\s*(;|$)/i.test(type))
      throw new HttpError('unsupported_media_type', 'Send the GeoJSON file as application/geo+json');
    const raw = await readRawBody(c, MAX_BOUNDARY_BYTES).catch((err: unknown) => {
      if (err instanceof HttpError && err.code === 'payload_too_large')
        throw new HttpError('payload_too_large', 'Boundary files are limited to 20 MB');
      throw err;
    });
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError('bad_request', 'The file is not valid JSON');
    }
    const parsed = parseBoundaries(json, query);
    if (!parsed.ok) throw new HttpError('validation', 'The boundary file was not accepted', parsed.problems);
    const uploadedAt = now().toISOString();
    await storage.transaction(async (tx) => {
      await tx.boundaries.put({
        level: query.level,
        areas: parsed.areas,
        sourceName: query.file ?? `${query.level}.geojson`,
        uploadedBy: c.var.user.id,
        uploadedAt,
      });
      await tx.audit({
        at: uploadedAt,
        userId: c.var.user.id,
        action: 'boundaries.upload',
        tbl: 'admin_boundaries',
        recordId: query.level,
        details: { areas: parsed.areas.length, pcode: parsed.pcodeProperty, name: parsed.nameProperty },
        ...c.var.client,
      });
    });
    return c.json(
      {
        level: query.level,
        areas: parsed.areas.length,
        pcodeProperty: parsed.pcodeProperty,
        nameProperty: parsed.nameProperty,
        uploadedAt,
      },
      201,
    );
  });

  routes.delete('/boundaries/:level', async (c) => {
    requireManager(c.var.user.role);
    const level = BoundaryLevel.safeParse(c.req.param('level'));
    if (!level.success) throw new HttpError('validation', 'No such level', issuesOf(level.error));
    const removed = await storage.transaction(async (tx) => {
      const gone = await tx.boundaries.remove(level.data);
      if (gone)
        await tx.audit({
          at: now().toISOString(),
          userId: c.var.user.id,
          action: 'boundaries.delete',
          tbl: 'admin_boundaries',
          recordId: level.data,
          ...c.var.client,
        });
      return gone;
    });
    if (!removed) throw new HttpError('not_found', 'No boundaries at this level');
    return c.body(null, 204);
  });

  return routes;
}
