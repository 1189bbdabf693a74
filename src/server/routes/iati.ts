import { Hono } from 'hono';
import { z } from 'zod/mini';
import { requireUser } from '../auth/session';
import type { AppEnv, Clock } from '../http/env';
import { readQuery, readRawBody } from '../http/body';
import { HttpError } from '../http/errors';
import { applyImport } from '../iati/applyImport';
import { readIatiText } from '../iati/commands';
import { IatiFileError } from '../iati/xmlTree';
import type { Storage } from '../storage/Storage';

/** An activity file of a large publisher is a few MB; 20 MB is ample and bounds the parse. */
export const MAX_IATI_BYTES = 20 * 1024 * 1024;

const IatiImportQuery = z.object({
  dryRun: z._default(z.enum(['0', '1']), '0'),
  file: z.optional(z.string().check(z.maxLength(255))),
});

/**
 * `POST /api/iati/import?dryRun=1&file=name.xml`, admins only (it changes projects of every partner): the
 * body is an IATI activity file (`application/xml` or `text/xml`, at most 20 MB). Answers the import's
 * report (src/server/iati/applyImport.ts), the same as `npm run cli -- iati import`; a refused file answers
 * 400 `validation` with `details: { line, column, reason, code, params }` (column null when the refusal is
 * about a whole element; codes and English reasons in src/core/iati/importMessages.ts). The admin page
 * (src/app/pages/IatiImport.tsx) calls it and says notes and refusals in the user's language.
 */
export function iatiRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/iati/*', requireUser(storage, now));
  routes.post('/iati/import', async (c) => {
    if (c.var.user.role !== 'admin') throw new HttpError('forbidden', 'Only admins import IATI files');
    const query = readQuery(c, IatiImportQuery);
    if (!/^(application|text)\/xml\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
      throw new HttpError('unsupported_media_type', 'Send the IATI file as application/xml');
    const raw = await readRawBody(c, MAX_IATI_BYTES);
    let file;
    try {
      file = readIatiText(raw.toString('utf8'));
    } catch (err) {
      if (!(err instanceof IatiFileError)) throw err;
      throw new HttpError('validation', `The IATI file was refused: ${err.message}`, {
        line: err.line,
        column: err.column,
        reason: err.reason,
        code: err.code,
        params: err.params,
      });
    }
    const report = await applyImport(storage, file, {
      dryRun: query.dryRun === '1',
      at: now(),
      userId: c.var.user.id,
      fileName: query.file ?? 'upload.xml',
      client: c.var.client,
    });
    return c.json(report);
  });
  return routes;
}
