import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod/mini';
import { atomFeed } from '../../core/public/atomFeed';
import { publicAreas } from '../../core/public/publicAreas';
import { toIatiXml } from '../../core/export/iati';
import { UI_LANGUAGES } from '../../core/i18n/uiLanguages';
import type { AppEnv, Clock } from '../http/env';
import { readQuery } from '../http/body';
import { HttpError } from '../http/errors';
import { requestLanguage } from '../http/language';
import type { ServerLimits } from '../limits/config';
import { rateLimit } from '../limits/rateLimit';
import { feedEntries, readPublicData } from '../public/publicData';
import type { Storage } from '../storage/Storage';

/**
 * Public answers may be kept by browsers and proxies, but are checked again at each use: the ETag makes that
 * a 304 of a few bytes on a slow link, and a project made private leaves every page at once.
 */
const CACHE_CONTROL = 'public, no-cache';

const LangQuery = z.strictObject({ lang: z.optional(z.enum(UI_LANGUAGES)) });

/**
 * The public site's data, with no sign-in (issue 15, "The public map of aid"): what admins marked public
 * and only that (src/core/public/publicProject.ts says which fields), never submissions or personal data.
 *
 * - `GET /public/api/projects`, `GET /public/api/projects/:id`: the public projects as JSON;
 * - `GET /public/iati/activities.xml`: their IATI 2.03 activity file, at a stable address for the IATI
 *   Registry;
 * - `GET /public/api/boundaries`: the administrative areas uploaded (src/server/routes/boundaries.ts), each
 *   with the number of public projects working there and their budget (matched by P-code);
 * - `GET /public/feed.xml`: an Atom feed of published projects and reported results (`?lang=en`).
 *
 * Each answer carries a strong ETag (a hash of its bytes) and `Cache-Control: public, no-cache`; a matching
 * `If-None-Match` gets 304. Requests are counted per address (`RATE_LIMIT_PUBLIC`).
 */
export function publicRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', rateLimit(storage, now, limits.rate, 'public'));

  routes.get('/api/projects', async (c) => {
    readQuery(c, z.strictObject({}));
    const { shown } = await readPublicData(storage);
    return cached(c, JSON.stringify({ projects: shown }), 'application/json; charset=utf-8');
  });

  routes.get('/api/projects/:id', async (c) => {
    readQuery(c, z.strictObject({}));
    const project = (await readPublicData(storage)).shown.find((p) => p.id === c.req.param('id'));
    // A private project and a missing one answer alike: the public site does not say which exist.
    if (!project) throw new HttpError('not_found', 'No public project with this id');
    return cached(c, JSON.stringify(project), 'application/json; charset=utf-8');
  });

  routes.get('/api/boundaries', async (c) => {
    readQuery(c, z.strictObject({}));
    const levels = await storage.boundaries.list();
    const { shown } = levels.length > 0 ? await readPublicData(storage) : { shown: [] };
    return cached(c, JSON.stringify(publicAreas(levels, shown)), 'application/json; charset=utf-8');
  });

  routes.get('/iati/activities.xml', async (c) => {
    const { lang } = readQuery(c, LangQuery);
    const data = await readPublicData(storage);
    const generatedAt = latest([...data.updatedAt.values()]);
    const { xml } = toIatiXml({ ...data, generatedAt, defaultLanguage: lang ?? 'fr' });
    if (xml === null)
      throw new HttpError('not_found', 'No project is public yet, or none can be written to IATI');
    return cached(c, xml, 'application/xml; charset=utf-8');
  });

  routes.get('/feed.xml', async (c) => {
    const lang = readQuery(c, LangQuery).lang ?? requestLanguage(c.req.header('accept-language'));
    const origin = new URL(c.req.url).origin;
    const site = `${origin}/public/`;
    const body = atomFeed({
      id: `${site}feed`,
      title:
        lang === 'fr' ? 'Terrain : projets et résultats publiés' : 'Terrain: published projects and results',
      self: `${origin}/public/feed.xml${lang === 'fr' ? '' : `?lang=${lang}`}`,
      site,
      entries: feedEntries(await readPublicData(storage), site, lang),
    });
    return cached(c, body, 'application/atom+xml; charset=utf-8');
  });

  return routes;
}

/** The latest of ISO 8601 times; the epoch for none (the file then still says when it was made, stably). */
function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (b > a ? b : a), '1970-01-01T00:00:00.000Z');
}

function cached(c: Context<AppEnv>, body: string, contentType: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('Vary', 'Accept-Encoding');
  const asked = c.req.header('if-none-match');
  if (asked !== undefined && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body);
}
