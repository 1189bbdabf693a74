import { Hono } from 'hono';
import { z } from 'zod/mini';
import { IatiOrgIdentifier } from '../../core/records/iatiCodes';
import { UI_LANGUAGES } from '../../core/i18n/uiLanguages';
import { requireUser } from '../auth/session';
import { auditContext } from '../audit/context';
import {
  buildExport,
  EXPORT_FORMATS,
  exportFilters,
  ExportRequest,
  mayIncludePersonal,
  PERSONAL_REFUSED,
} from '../export/buildExport';
import { zipFiles } from '../export/zip';
import { readQuery } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import { HttpError } from '../http/errors';
import type { ServerLimits } from '../limits/config';
import { rateLimit } from '../limits/rateLimit';
import type { Storage } from '../storage/Storage';

/** The query of `GET /api/export/:format`; unknown parameters are refused, so a typo does not go unnoticed. */
const ExportQuery = z.strictObject({
  project: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  form: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a form id'))),
  lang: z.optional(z.enum(UI_LANGUAGES)),
  codes: z.optional(z.enum(['true', 'false', '1', '0'])),
  includePersonal: z.optional(z.enum(['true', 'false', '1', '0'])),
  geoPrecision: z.optional(z.string().check(z.regex(/^[0-8]$/, 'A number of decimals from 0 to 8'))),
  organisation: z.optional(IatiOrgIdentifier),
});

const isTrue = (flag: string | undefined) => flag === 'true' || flag === '1';

/**
 * `GET /api/export/:format` (csv, hxl, xlsx, geojson, iati, iati-organisations) with the user's rights (see
 * buildExport.ts); `organisation=` keeps an IATI file to the projects one organisation reports. A csv or hxl
 * export of a form with repeats is a ZIP of its tables. Never cached: it may hold personal data (the answers
 * of personal questions only with `includePersonal=true`, for supervisors and admins, audited).
 */
export function exportRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const session = requireUser(storage, now);
  const rate = rateLimit(storage, now, limits.rate, 'export');

  routes.get('/export/:format', session, rate, async (c) => {
    const format = z.enum(EXPORT_FORMATS).safeParse(c.req.param('format'));
    if (!format.success)
      throw new HttpError('validation', `Unknown export format; one of ${EXPORT_FORMATS.join(', ')}`);
    const query = readQuery(c, ExportQuery);
    const request = ExportRequest.parse({
      format: format.data,
      project: query.project,
      form: query.form,
      lang: query.lang,
      codes: isTrue(query.codes),
      includePersonal: isTrue(query.includePersonal),
      geoPrecision: query.geoPrecision === undefined ? undefined : Number(query.geoPrecision),
      organisation: query.organisation,
    });
    const at = now();
    const audited = {
      ...auditContext(c.var.user.id, c.var.client),
      at: at.toISOString(),
      tbl: request.form === undefined ? null : 'forms',
      recordId: request.form ?? null,
    };
    if (request.includePersonal && !mayIncludePersonal(c.var.user)) {
      // Asking for personal data one may not have is worth a trace of its own, not only a 403.
      await storage.audit({
        ...audited,
        action: 'export.refused',
        details: { format: request.format, ...exportFilters(request), reason: 'personal data' },
      });
      throw new HttpError('forbidden', PERSONAL_REFUSED);
    }
    const files = await buildExport(storage, c.var.user, request, at);
    await storage.audit({
      ...audited,
      action: `export.${request.format}`,
      details: {
        ...exportFilters(request),
        records: files[0]?.records ?? 0,
        files: files.length,
        personalFields: files[0]?.personalFields ?? [],
      },
    });
    c.header('Cache-Control', 'no-store');
    const [only] = files;
    if (files.length === 1 && only) {
      c.header('Content-Type', only.contentType);
      c.header('Content-Disposition', `attachment; filename="${only.name}"`);
      return typeof only.body === 'string' ? c.body(only.body) : c.body(new Uint8Array(only.body));
    }
    c.header('Content-Type', 'application/zip');
    c.header(
      'Content-Disposition',
      `attachment; filename="${request.form ?? 'export'}-${request.format}.zip"`,
    );
    return c.body(new Uint8Array(zipFiles(files, at)));
  });

  return routes;
}
