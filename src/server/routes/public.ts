import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod/mini';
import { atomFeed } from '../../core/public/atomFeed';
import { publicAreas } from '../../core/public/publicAreas';
import { toIatiXml } from '../../core/export/iati';
import { toIatiOrganisationsXml } from '../../core/export/iatiOrganisations';
import { UI_LANGUAGES } from '../../core/i18n/uiLanguages';
import { IatiOrgIdentifier } from '../../core/records/iatiCodes';
import type { AppEnv, Clock } from '../http/env';
import { readQuery } from '../http/body';
import { HttpError } from '../http/errors';
import { requestLanguage } from '../http/language';
import { iatiPublicUrl, iatiSettings } from '../export/iatiSettings';
import { documentHeaders } from '../media/documentHeaders';
import { publicDocument } from '../media/projectDocuments';
import { streamBlob } from '../media/streamBlob';
import { Sha256Hex } from '../../core/sync/media';
import type { ServerLimits } from '../limits/config';
import { byAddress, rateLimit } from '../limits/rateLimit';
import { feedEntries, readPublicData, type PublicData } from '../public/publicData';
import type { Project } from '../../core/records/project';
import type { Storage } from '../storage/Storage';

/**
 * Public answers may be kept by browsers and proxies, but are checked again at each use: the ETag makes that
 * a 304 of a few bytes on a slow link, and a project made private leaves every page at once.
 */
const CACHE_CONTROL = 'public, no-cache';

const DocumentParams = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  sha256: Sha256Hex,
});

const LangQuery = z.strictObject({ lang: z.optional(z.enum(UI_LANGUAGES)) });
/** An IATI file: its language, and optionally one reporting organisation's projects only (its publication). */
const IatiQuery = z.strictObject({
  lang: z.optional(z.enum(UI_LANGUAGES)),
  organisation: z.optional(IatiOrgIdentifier),
});

/**
 * The public site's data, with no sign-in (issue 15, "The public map of aid"): what admins marked public
 * and only that (src/core/public/publicProject.ts says which fields), never submissions or personal data.
 *
 * - `GET /public/api/projects`, `GET /public/api/projects/:id`: the public projects as JSON;
 * - `GET /public/iati/activities.xml`: their IATI 2.03 activity file, at a stable address for the IATI
 *   Registry; `GET /public/iati/organisations.xml`: the IATI 2.03 organisation file of their reporting
 *   organisations (budgets per year of the public projects only); `?organisation=IATI-ID` keeps either file
 *   to the projects one organisation reports, its own publication;
 * - `GET /public/api/boundaries`: the administrative areas uploaded (src/server/routes/boundaries.ts), each
 *   with the number of public projects working there and their budget (matched by P-code);
 * - `GET /public/feed.xml`: an Atom feed of published projects and reported results (`?lang=en`);
 * - `GET /public/projects/:id/documents/:sha256`: a public document of a public project, once whoever added
 *   it sent its bytes (media/projectDocuments.ts); 404 in every other case.
 *
 * Each answer carries a strong ETag (a hash of its bytes) and `Cache-Control: public, no-cache`; a matching
 * `If-None-Match` gets 304, from a stamp of the public tables when the answer was built from the same (see
 * `answerer`), without reading the records. Requests are counted per address (`RATE_LIMIT_PUBLIC`).
 */
export function publicRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // No user: counted per address (behind a proxy, TRUST_PROXY).
  routes.use('*', rateLimit(storage, now, limits.rate, 'public', byAddress));

  const answer = answerer();
  // Each answer depends on these records only (and the boundaries, for the map's): their stamp is read
  // before them, so that a browser's copy is checked with two small queries rather than a read of all.
  // A document's upload completing changes what is served, and no record: its count is part of the stamp.
  const version = async () =>
    `${await storage.exports.stamp(PUBLIC_TABLES)} ${await storage.media.provenDocumentRefs()}`;

  routes.get('/api/projects', async (c) => {
    readQuery(c, z.strictObject({}));
    return answer(c, 'projects', await version(), VARY, async () => {
      const { shown } = await readPublicData(storage);
      return json({ projects: shown });
    });
  });

  routes.get('/api/projects/:id', async (c) => {
    readQuery(c, z.strictObject({}));
    const id = c.req.param('id');
    return answer(c, `project ${id}`, await version(), VARY, async () => {
      const project = (await readPublicData(storage)).shown.find((p) => p.id === id);
      // A private project and a missing one answer alike: the public site does not say which exist.
      if (!project) throw new HttpError('not_found', 'No public project with this id');
      return json(project);
    });
  });

  routes.get('/projects/:id/documents/:sha256', async (c) => {
    readQuery(c, z.strictObject({}));
    const params = DocumentParams.safeParse(c.req.param());
    const document = params.success
      ? await publicDocument(storage.media, params.data.id, params.data.sha256)
      : null;
    const blob = document ? await storage.media.getBlob(document.sha256) : undefined;
    // One answer for every file not served (private, of a private or deleted project, unknown, not sent
    // by whoever added it): it says nothing of what exists.
    if (!document || !blob) throw new HttpError('not_found', 'No public document here');
    const { headers, contentSecurityPolicy } = documentHeaders(document, blob.type);
    c.set('contentSecurityPolicy', contentSecurityPolicy);
    // The bytes never change under their name; whether they are public may: checked again at each use.
    const etag = `"${blob.sha256}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', CACHE_CONTROL);
    if (hasCopy(c, etag)) return c.body(null, 304);
    return c.body(streamBlob(storage.media, blob), 200, { ...headers, 'Content-Length': String(blob.size) });
  });

  routes.get('/api/boundaries', async (c) => {
    readQuery(c, z.strictObject({}));
    // A level is replaced whole by an upload, with its time: its summary tells one upload from another.
    const levels = JSON.stringify(await storage.boundaries.summaries());
    return answer(c, 'boundaries', `${await version()} ${levels}`, VARY, async () => {
      const sets = await storage.boundaries.list();
      const { shown } = sets.length > 0 ? await readPublicData(storage) : { shown: [] };
      return json(publicAreas(sets, shown));
    });
  });

  routes.get('/iati/activities.xml', async (c) => {
    const { lang, organisation } = readQuery(c, IatiQuery);
    // Document links are absolute: under IATI_PUBLIC_URL, else the address this file was asked at (as the
    // feed's links), so that `npm start`'s file links its documents too.
    const publicUrl = iatiPublicUrl(process.env) ?? new URL(c.req.url).origin;
    const what = `iati ${lang ?? ''} ${organisation ?? ''} ${publicUrl}`;
    return answer(c, what, await version(), VARY, async () => {
      const data = await readPublicData(storage, { plannedDisbursements: true });
      const { xml } = toIatiXml({
        ...data,
        projects: reportedBy(data, organisation),
        generatedAt: latest([...data.updatedAt.values()]),
        defaultLanguage: lang ?? 'fr',
        defaults: iatiSettings(process.env),
        publicUrl,
      });
      if (xml === null)
        throw new HttpError('not_found', 'No project is public yet, or none can be written to IATI');
      return { body: xml, type: 'application/xml; charset=utf-8' };
    });
  });

  routes.get('/iati/organisations.xml', async (c) => {
    const { lang, organisation } = readQuery(c, IatiQuery);
    const what = `iati-organisations ${lang ?? ''} ${organisation ?? ''}`;
    return answer(c, what, await version(), VARY, async () => {
      const data = await readPublicData(storage);
      const { xml } = toIatiOrganisationsXml({
        projects: reportedBy(data, organisation),
        organisations: data.organisations,
        transactions: data.transactions,
        generatedAt: latest([...data.updatedAt.values()]),
        defaultLanguage: lang ?? 'fr',
        defaults: iatiSettings(process.env),
      });
      if (xml === null)
        throw new HttpError(
          'not_found',
          'No public project has a reporting organisation with an IATI identifier',
        );
      return { body: xml, type: 'application/xml; charset=utf-8' };
    });
  });

  routes.get('/feed.xml', async (c) => {
    const lang = readQuery(c, LangQuery).lang ?? requestLanguage(c.req.header('accept-language'));
    const origin = new URL(c.req.url).origin;
    // Without `?lang`, the feed's language is the browser's: caches keep one copy per language.
    const vary = c.req.query('lang') ? VARY : `${VARY}, Accept-Language`;
    return answer(c, `feed ${lang} ${origin}`, await version(), vary, async () => {
      const site = `${origin}/public/`;
      const body = atomFeed({
        id: `${site}feed`,
        title:
          lang === 'fr'
            ? 'Terrain : projets et résultats publiés'
            : 'Terrain: published projects and results',
        self: `${origin}/public/feed.xml${lang === 'fr' ? '' : `?lang=${lang}`}`,
        site,
        entries: feedEntries(await readPublicData(storage), site, lang),
      });
      return { body, type: 'application/atom+xml; charset=utf-8' };
    });
  });

  return routes;
}

/**
 * The tables the public answers are made of (public/publicData.ts reads them): a transaction or a rate
 * changes a public project's totals, so they are stamped too.
 */
const PUBLIC_TABLES = [
  'projects',
  'organisations',
  'indicators',
  'indicatorValues',
  'transactions',
  'plannedDisbursements',
  'exchangeRates',
] as const;

interface Built {
  body: string;
  type: string;
}

const json = (value: unknown): Built => ({
  body: JSON.stringify(value),
  type: 'application/json; charset=utf-8',
});

/** What every public answer varies with (the feed also with the browser's language). */
const VARY = 'Accept-Encoding';

/** How many answers' ETags a server process remembers (the oldest is forgotten first). */
const REMEMBERED = 1000;

/**
 * Answers with a strong ETag, the hash of the answer's bytes, and 304 to a browser that has them. The ETag
 * of each answer (`what`: the route and what of the request it depends on) is remembered with the stamp of
 * the records it was built from (`version`, read before them): while the stamp is the same, a matching
 * `If-None-Match` gets its 304 without reading the records. A stamp read before a change and records read
 * after it only cost a full answer later, never an old one. A new process starts with nothing remembered,
 * so an answer whose form changed with the code is never taken for the old one.
 */
function answerer() {
  const etags = new Map<string, string>();
  return async (
    c: Context<AppEnv>,
    what: string,
    version: string,
    vary: string,
    build: () => Promise<Built>,
  ): Promise<Response> => {
    const key = `${what}\n${version}`;
    const known = etags.get(key);
    if (known !== undefined && hasCopy(c, known)) return notModified(c, known, vary);
    const { body, type } = await build();
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    etags.delete(key);
    etags.set(key, etag);
    if (etags.size > REMEMBERED) etags.delete(etags.keys().next().value!);
    if (hasCopy(c, etag)) return notModified(c, etag, vary);
    headers(c, etag, vary);
    c.header('Content-Type', type);
    return c.body(body);
  };
}

function headers(c: Context<AppEnv>, etag: string, vary: string): void {
  c.header('ETag', etag);
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('Vary', vary);
}

function hasCopy(c: Context<AppEnv>, etag: string): boolean {
  const asked = c.req.header('if-none-match');
  return asked !== undefined && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function notModified(c: Context<AppEnv>, etag: string, vary: string): Response {
  headers(c, etag, vary);
  return c.body(null, 304);
}

/** The latest of ISO 8601 times; the epoch for none (the file then still says when it was made, stably). */
/** The public projects, or only those `organisation` (an IATI identifier) reports. */
function reportedBy(data: PublicData, organisation: string | undefined): Project[] {
  if (organisation === undefined) return data.projects;
  const ids = new Set(data.organisations.filter((o) => o.iatiId === organisation).map((o) => o.id));
  return data.projects.filter((p) => p.organisationId !== null && ids.has(p.organisationId));
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (b > a ? b : a), '1970-01-01T00:00:00.000Z');
}
