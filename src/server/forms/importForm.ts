import { allQuestions, type FormDefinition } from '../../core/forms/definition';
import type { XlsFormIssue } from '../../core/forms/xlsform';
import { formVersionKey } from '../../core/records/formVersion';
import { pickText } from '../../core/i18n/localized';
import { publishFormVersion } from '../catalog';
import type { ClientInfo } from '../http/clientInfo';
import type { Storage } from '../storage/Storage';
import type { AttachmentFile } from './attachments';
import { FormImportError, problems } from './convertForm';
import { convertInWorker } from './convertInWorker';
import {
  checkMediaFiles,
  formFilesOf,
  matchMediaFiles,
  splitAttachments,
  type MediaUpload,
} from './formMedia';
import '../zodLocale';

// Kept importable from here, where the CLI, the route and the tests have always found them.
export { convertFile, FormImportError, type ConvertMode, type ImportErrorKind } from './convertForm';

export interface ImportRequest {
  projectId: string;
  bytes: Uint8Array;
  fileName: string;
  /**
   * Files attached to the form: the .csv, .geojson and .xml files of its select_*_from_file questions, and
   * the images, sounds and videos its labels name (formMedia.ts).
   */
  media?: readonly AttachmentFile[];
  userId: string | null;
  now: Date;
  /** Where the publisher's request came from (the audit log); absent at the console. */
  client?: ClientInfo | null;
}

export interface ImportResult {
  formId: string;
  version: string;
  title: string;
  /** Every question at any depth, notes and calculations included (groups and repeats are not questions). */
  questionCount: number;
  warnings: XlsFormIssue[];
}

/**
 * Converts an XLSForm and publishes it in the project, in one transaction: devices get it on their next pull.
 * Nothing is stored unless the whole form is valid and that version is new.
 */
export async function importForm(storage: Storage, request: ImportRequest): Promise<ImportResult> {
  const { form, warnings, media } = await convertWithMedia(request);
  await storage.transaction(async (tx) => {
    if (!(await tx.getEntity('projects', request.projectId)))
      throw new FormImportError('not_found', `No project ${request.projectId}`);
    // A published version never changes: a corrected form needs a new version in its settings sheet. Form
    // ids are the project's own: another project's forms neither block nor show here.
    if (await tx.getEntity('forms', formVersionKey(request.projectId, form.id, form.version)))
      throw new FormImportError(
        'conflict',
        `Version ${form.version} of form ${form.id} is already published`,
      );
    const version = {
      formId: form.id,
      version: form.version,
      projectId: request.projectId,
      publishedAt: request.now.toISOString(),
      definition: form,
      ...(media.length > 0 ? { files: formFilesOf(media) } : {}),
    };
    for (const file of media) {
      const { sha256, contentType, bytes: size, data } = file;
      await tx.formFiles.put({ sha256, contentType, size, data, createdAt: request.now.toISOString() });
    }
    await publishFormVersion(tx, version, request.userId, request.now, request.client ?? null);
  });
  return summary(form, warnings);
}

export interface CheckResult extends ImportResult {
  /** The converted form, for the Forms page to preview it before publishing. */
  definition: FormDefinition;
  /** That version is already published: publishing the file would be refused (409). */
  alreadyPublished: boolean;
}

/**
 * Converts an XLSForm as publishing would (attachments required) and stores nothing: the Forms page shows
 * every problem, or the definition to preview, before the supervisor publishes. Throws FormImportError as
 * `importForm` does (`invalid` with every issue, `too_large`, `not_found` for an unknown project).
 */
export async function checkForm(storage: Storage, request: ImportRequest): Promise<CheckResult> {
  const { form, warnings } = await convertWithMedia(request);
  if (!(await storage.getEntity('projects', request.projectId)))
    throw new FormImportError('not_found', `No project ${request.projectId}`);
  const published = await storage.getEntity(
    'forms',
    formVersionKey(request.projectId, form.id, form.version),
  );
  return { ...summary(form, warnings), definition: form, alreadyPublished: published !== undefined };
}

/**
 * Converts the form with its data files (in a worker) and checks its media files against it: every problem
 * of the form and of its files together, as one FormImportError; the media files' warnings with the form's.
 */
async function convertWithMedia(
  request: ImportRequest,
): Promise<{ form: FormDefinition; warnings: XlsFormIssue[]; media: MediaUpload[] }> {
  const { data, media } = splitAttachments(request.media ?? []);
  const checked = checkMediaFiles(media);
  let converted: { form: FormDefinition; warnings: XlsFormIssue[] };
  try {
    // Off the main thread: a large workbook takes seconds and much memory to read (see convertInWorker.ts).
    // The media files stay here: the converter only needs their names, which the definition holds.
    converted = await convertInWorker({
      bytes: request.bytes,
      fileName: request.fileName,
      now: request.now.toISOString(),
      media: data,
      mode: 'publish',
    });
  } catch (err) {
    if (!(err instanceof FormImportError) || err.kind !== 'invalid' || checked.issues.length === 0) throw err;
    const issues = [...checked.issues, ...err.issues];
    const attach = / \(attach [^)]*\)$/.exec(err.message)?.[0] ?? '';
    throw new FormImportError('invalid', `${problems(request.fileName, issues.length)}${attach}`, issues);
  }
  const matched = matchMediaFiles(converted.form, checked.files);
  const issues = [...checked.issues, ...matched.issues];
  if (issues.length > 0)
    throw new FormImportError('invalid', problems(request.fileName, issues.length), issues);
  return { ...converted, warnings: [...converted.warnings, ...matched.warnings], media: checked.files };
}

function summary(form: FormDefinition, warnings: XlsFormIssue[]): ImportResult {
  return {
    formId: form.id,
    version: form.version,
    title: pickText(form.title, form.defaultLanguage),
    questionCount: allQuestions(form).length,
    warnings,
  };
}
