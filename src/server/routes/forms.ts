import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { hasRole } from '../../core/records/user';
import { requireUser } from '../auth/session';
import type { AppEnv, Clock } from '../http/env';
import { errorBody, HttpError } from '../http/errors';
import { FormImportError, importForm } from '../forms/importForm';
import { MAX_FORM_BYTES } from '../forms/readWorkbook';
import type { Storage } from '../storage/Storage';

/** Room for the multipart envelope around a file of the largest accepted size. */
const MAX_UPLOAD_BYTES = MAX_FORM_BYTES + 64 * 1024;

const tooLarge = () =>
  new HttpError('payload_too_large', `Form files are limited to ${MAX_FORM_BYTES / 1024 / 1024} MB`);

/** Supervisors publish forms in their own projects, admins in any. */
async function requireFormPublisher(storage: Storage, c: Context<AppEnv>, projectId: string): Promise<void> {
  const user = c.var.user;
  if (!hasRole(user.role, 'supervisor'))
    throw new HttpError('forbidden', 'Only supervisors and admins publish forms');
  if (user.role !== 'admin' && !(await storage.isProjectMember(projectId, user.id)))
    throw new HttpError('forbidden', 'You are not a member of this project');
}

export function formRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  /**
   * Publishes an XLSForm (multipart field `file`: .xlsx, .xls or .csv) as a new form version of the project.
   * 201 `{ formId, version, title, questionCount, warnings }`; 422 `validation` with `details.issues` (sheet,
   * row, column, message) when the form has problems; 409 if that version exists; 413 over 10 MB.
   */
  routes.post(
    '/projects/:id/forms',
    requireUser(storage, now),
    // Checked after the session, so an anonymous client learns nothing; refused while streaming, not after.
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: () => {
        throw tooLarge();
      },
    }),
    async (c) => {
      const projectId = c.req.param('id');
      await requireFormPublisher(storage, c, projectId);
      if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? ''))
        throw new HttpError(
          'unsupported_media_type',
          'Send the form as multipart/form-data with a file field',
        );
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File)) throw new HttpError('bad_request', 'The file field is missing');
      if (file.size > MAX_FORM_BYTES) throw tooLarge();
      try {
        const result = await importForm(storage, {
          projectId,
          bytes: new Uint8Array(await file.arrayBuffer()),
          fileName: file.name || 'form.xlsx',
          userId: c.var.user.id,
          now: now(),
        });
        return c.json(result, 201);
      } catch (err) {
        if (!(err instanceof FormImportError)) throw err;
        if (err.kind === 'too_large') throw tooLarge();
        if (err.kind === 'not_found') throw new HttpError('not_found', err.message);
        if (err.kind === 'conflict') throw new HttpError('conflict', err.message);
        // 422, not the 400 of a malformed request: the upload is fine, the form in it needs the author's fixes.
        return c.json(errorBody('validation', err.message, { issues: err.issues }), 422);
      }
    },
  );

  return routes;
}
