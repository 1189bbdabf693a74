import { z } from 'zod/mini';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { issueMessage, localizeIssue } from '../../core/forms/xlsform';
import { hasRole } from '../../core/records/user';
import { FormArchiveRequest, FormIdParam } from '../../core/sync/formAdmin';
import { requireUser } from '../auth/session';
import type { AppEnv, Clock } from '../http/env';
import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { errorBody, HttpError } from '../http/errors';
import { readJson } from '../http/body';
import { requestLanguage } from '../http/language';
import { MAX_ATTACHMENTS_BYTES, type AttachmentFile } from '../forms/attachments';
import { setFormArchived } from '../forms/archiveForm';
import { checkForm, FormImportError, importForm, type ImportRequest } from '../forms/importForm';
import { MAX_FORM_BYTES } from '../forms/readWorkbook';
import { FormFile, MAX_FORM_MEDIA_BYTES } from '../../core/forms/formFiles';
import { formVersionKey } from '../../core/records/formVersion';
import type { Storage } from '../storage/Storage';

/**
 * Room for the multipart envelope around a form, its data files and its media files of the largest
 * accepted sizes (each part is checked on its own after).
 */
const MAX_UPLOAD_BYTES = MAX_FORM_BYTES + MAX_ATTACHMENTS_BYTES + MAX_FORM_MEDIA_BYTES + 64 * 1024;

const MB = 1024 * 1024;

/** What the file route reads of a stored form version (FormVersion.files). */
const VersionFiles = z.object({ files: z.optional(z.array(FormFile)) });
const tooLarge = () =>
  new HttpError(
    'payload_too_large',
    `Form files are limited to ${MAX_FORM_BYTES / MB} MB for the form, ${MAX_ATTACHMENTS_BYTES / MB} MB for its data files and ${MAX_FORM_MEDIA_BYTES / MB} MB for its media`,
  );

/** Supervisors publish forms in their own projects, admins in any. */
async function requireFormPublisher(storage: Storage, c: Context<AppEnv>, projectId: string): Promise<void> {
  const user = c.var.user;
  if (!hasRole(user.role, 'supervisor'))
    throw new HttpError('forbidden', 'Only supervisors and admins publish forms');
  if (user.role !== 'admin' && !(await storage.isProjectMember(projectId, user.id)))
    throw new HttpError('forbidden', 'You are not a member of this project');
}

/** Every file part but the form itself: the attachments, by file name. */
async function attachmentsOf(body: Record<string, unknown>): Promise<AttachmentFile[]> {
  const parts = Object.entries(body)
    .filter(([field]) => field !== 'file')
    .flatMap(([, value]) => (Array.isArray(value) ? (value as unknown[]) : [value]))
    .filter((value): value is File => value instanceof File);
  if (parts.some((part) => !part.name))
    throw new HttpError('bad_request', 'Every attached file needs a file name');
  return Promise.all(
    parts.map(async (part) => ({ name: part.name, bytes: new Uint8Array(await part.arrayBuffer()) })),
  );
}

/**
 * The multipart body's parts. A body that is not well-formed multipart (cut short on a bad link, a boundary
 * that never closes) is the client's fault: 400, never the 500 of the parser's TypeError. The size limit's
 * own refusal (413) goes through as it is.
 */
async function readForm(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(
      'bad_request',
      'The upload is not a complete multipart/form-data body (cut short?): send it again',
    );
  }
}

/** The uploaded form and its attachments, as `importForm` and `checkForm` take them. */
async function readUpload(c: Context<AppEnv>, projectId: string, now: Clock): Promise<ImportRequest> {
  if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? ''))
    throw new HttpError('unsupported_media_type', 'Send the form as multipart/form-data with a file field');
  const body = await readForm(c);
  const file = body.file;
  if (Array.isArray(file)) throw new HttpError('bad_request', 'Send one form in the file field');
  if (!(file instanceof File)) throw new HttpError('bad_request', 'The file field is missing');
  if (file.size > MAX_FORM_BYTES) throw tooLarge();
  const media = await attachmentsOf(body);
  return {
    projectId,
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name || 'form.xlsx',
    media,
    userId: c.var.user.id,
    now: now(),
    client: c.var.client,
  };
}

/** A FormImportError as the HTTP answer, its messages in `lang`; anything else is thrown on. */
function importErrorResponse(c: Context<AppEnv>, err: unknown, lang: UiLanguage): Response {
  if (!(err instanceof FormImportError)) throw err;
  if (err.kind === 'too_large') throw new HttpError('payload_too_large', issueMessage(err.message, lang));
  if (err.kind === 'not_found') throw new HttpError('not_found', err.message);
  if (err.kind === 'conflict') throw new HttpError('conflict', err.message);
  // 422, not the 400 of a malformed request: the upload is fine, the form in it needs the author's fixes.
  const issues = err.issues.map((issue) => localizeIssue(issue, lang));
  return c.json(errorBody('validation', issueMessage(err.message, lang), { issues }), 422);
}

/** Checked after the session, so an anonymous client learns nothing; refused while streaming, not after. */
const uploadLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

export function formRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  /**
   * Publishes an XLSForm (multipart field `file`: .xlsx, .xls or .csv) as a new form version of the project.
   * Every other file part is an attachment, named by its file name: the .csv, .geojson and .xml files of
   * select_*_from_file questions (ODK Central's form attachments), embedded in the definition; every file
   * the survey names must be there. And the images, sounds and videos the labels and choices name
   * (forms/formMedia.ts: known by their content, within size limits, each named by the form; one named but
   * missing is a warning), stored by SHA-256 and listed in the version's `files`.
   * 201 `{ formId, version, title, questionCount, warnings }`; 422 `validation` with `details.issues` (sheet,
   * row, column, message) when the form or an attachment has problems, the messages (and the warnings') in
   * the language of Accept-Language (French or English, as the app picks it); 409 if that version exists; 413 over
   * 10 MB for the form or 10 MB for its attachments together, for an .xlsx unpacking to over 50 MB, or a
   * sheet of over 50,000 rows or 1,000 columns (readWorkbook.ts), or a form that takes over 10 s to read; 400 for a multipart body cut short. The
   * form is read in a worker thread (convertInWorker.ts): the server answers other requests meanwhile.
   */
  routes.post('/projects/:id/forms', requireUser(storage, now), uploadLimit, async (c) => {
    const projectId = c.req.param('id');
    await requireFormPublisher(storage, c, projectId);
    const upload = await readUpload(c, projectId, now);
    const lang = requestLanguage(c.req.header('accept-language'));
    try {
      const result = await importForm(storage, upload);
      return c.json({ ...result, warnings: result.warnings.map((w) => localizeIssue(w, lang)) }, 201);
    } catch (err) {
      return importErrorResponse(c, err, lang);
    }
  });

  /**
   * The same upload as publishing, with the same rights, converted and stored nowhere: the Forms page shows
   * every problem before anything is published, and previews the form. 200 `{ formId, version, title,
   * questionCount, warnings, definition, alreadyPublished }` (FormCheckResponse); the errors of publishing
   * but 409 (`alreadyPublished` says it instead).
   */
  routes.post('/projects/:id/forms/check', requireUser(storage, now), uploadLimit, async (c) => {
    const projectId = c.req.param('id');
    await requireFormPublisher(storage, c, projectId);
    const upload = await readUpload(c, projectId, now);
    const lang = requestLanguage(c.req.header('accept-language'));
    try {
      const result = await checkForm(storage, upload);
      return c.json({ ...result, warnings: result.warnings.map((w) => localizeIssue(w, lang)) });
    } catch (err) {
      return importErrorResponse(c, err, lang);
    }
  });

  /**
   * Archives a form (`{ archived: true }`) or offers it again (`false`): see forms/archiveForm.ts. The rights
   * of publishing. 200 `{ formId, archived, versions }` (the versions whose record changed); 404 for a form
   * the project does not have.
   */
  routes.post('/projects/:id/forms/:formId/archive', requireUser(storage, now), async (c) => {
    const projectId = c.req.param('id');
    await requireFormPublisher(storage, c, projectId);
    const formId = FormIdParam.safeParse(c.req.param('formId'));
    if (!formId.success) throw new HttpError('not_found', 'No such form');
    const { archived } = await readJson(c, FormArchiveRequest);
    try {
      const versions = await setFormArchived(storage, {
        projectId,
        formId: formId.data,
        archived,
        userId: c.var.user.id,
        now: now(),
        client: c.var.client,
      });
      return c.json({ formId: formId.data, archived, versions });
    } catch (err) {
      if (err instanceof FormImportError && err.kind === 'not_found')
        throw new HttpError('not_found', err.message);
      throw err;
    }
  });

  /**
   * A media file of a published form version, by the name its labels use, for the members of the form's
   * project (admins: any). The bytes under a version's name never change: the answer may be cached
   * (private), with the SHA-256 as its ETag (304 to If-None-Match). 404 for a version or file the project
   * does not have, 403 for a user outside the project.
   */
  routes.get(
    '/projects/:id/forms/:formId/versions/:version/files/:name',
    requireUser(storage, now),
    async (c) => {
      const projectId = c.req.param('id');
      const user = c.var.user;
      if (user.role !== 'admin' && !(await storage.isProjectMember(projectId, user.id)))
        throw new HttpError('forbidden', 'You are not a member of this project');
      const formId = FormIdParam.safeParse(c.req.param('formId'));
      const version = c.req.param('version');
      const record = formId.success
        ? await storage.getEntity('forms', formVersionKey(projectId, formId.data, version))
        : undefined;
      // The version's list of files alone: its definition need not be read again for each file.
      const parsed = record && !record.deleted ? VersionFiles.safeParse(record.data) : undefined;
      const name = c.req.param('name');
      const file = parsed?.success ? parsed.data.files?.find((f) => f.name === name) : undefined;
      if (!file) throw new HttpError('not_found', 'This form version has no such file');
      const etag = `"${file.sha256}"`;
      const match = c.req.header('if-none-match');
      const fresh = match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag) ?? false;
      const stored = fresh ? undefined : await storage.formFiles.get(file.sha256);
      if (!fresh && !stored) throw new HttpError('not_found', 'This form version has no such file');
      // Only an answer with the file (or 304) may be kept; errors stay `no-store` (http/headers.ts).
      c.set('cacheable', true);
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      c.header('ETag', etag);
      if (!stored) return c.body(null, 304);
      return c.body(new Uint8Array(stored.data), 200, {
        'Content-Type': stored.contentType,
        'Content-Length': String(stored.size),
        // Fetched by the app, never opened as a page.
        'Content-Disposition': 'attachment',
      });
    },
  );

  return routes;
}
