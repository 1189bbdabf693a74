import { Hono } from 'hono';
import { z } from 'zod/mini';
import { ACCESS_FORMATS, AccessFormat } from '../access/accessExport';
import { exportPerson, searchPerson } from '../access/personRequest';
import { requireUser } from '../auth/session';
import { zipFiles } from '../export/zip';
import { readJson } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import type { ServerLimits } from '../limits/config';
import { rateLimit } from '../limits/rateLimit';
import type { Storage } from '../storage/Storage';

/** The value looked for: a name, a phone or an identity number (folded and checked by findPerson). */
const Query = z.string().check(z.minLength(1), z.maxLength(200));

const SearchBody = z.strictObject({ q: Query });
const ExportBody = z.strictObject({
  q: Query,
  format: z.enum(ACCESS_FORMATS),
  lang: z.optional(AccessFormat.shape.lang),
  codes: z.optional(z.boolean()),
  geoPrecision: z.optional(AccessFormat.shape.geoPrecision),
});

/**
 * The right of access (src/server/access): find a person's records across a project's submissions and
 * export them. POST with the value in the body, never in the URL: a name or a phone number in a query
 * string ends up in proxies' and servers' logs and in the browser's history. Supervisors of the project and
 * admins; rate-limited as exports; never cached.
 */
export function personRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const session = requireUser(storage, now);
  const rate = rateLimit(storage, now, limits.rate, 'export');

  routes.post('/projects/:id/person-search', session, rate, async (c) => {
    const { q } = await readJson(c, SearchBody);
    const found = await searchPerson(storage, c.var.user, c.req.param('id'), q, {
      at: now(),
      client: c.var.client,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(found);
  });

  routes.post('/projects/:id/person-search/export', session, rate, async (c) => {
    const body = await readJson(c, ExportBody);
    const how = AccessFormat.parse(body);
    const at = now();
    const projectId = c.req.param('id');
    const files = await exportPerson(storage, c.var.user, projectId, body.q, how, {
      at,
      client: c.var.client,
    });
    c.header('Cache-Control', 'no-store');
    const [only] = files;
    if (files.length === 1 && only) {
      c.header('Content-Type', only.contentType);
      c.header('Content-Disposition', `attachment; filename="${only.name}"`);
      return typeof only.body === 'string' ? c.body(only.body) : c.body(new Uint8Array(only.body));
    }
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', `attachment; filename="person-${how.format}.zip"`);
    return c.body(new Uint8Array(zipFiles(files, at)));
  });

  return routes;
}
