import { allQuestions, type FormDefinition } from '../../core/forms/definition';
import { convertXlsForm, type XlsFormIssue } from '../../core/forms/xlsform';
import { formVersionKey } from '../../core/records/formVersion';
import { pickText } from '../../core/i18n/localized';
import { publishFormVersion } from '../catalog';
import type { ClientInfo } from '../http/clientInfo';
import type { Storage } from '../storage/Storage';
import { MAX_ATTACHMENTS_BYTES, readAttachments, type AttachmentFile } from './attachments';
import { readWorkbook, WorkbookError } from './readWorkbook';
import '../zodLocale';

/** Why an import failed: the route maps each kind to its HTTP status, the CLI prints the message. */
export type ImportErrorKind = 'invalid' | 'too_large' | 'not_found' | 'conflict';

export class FormImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
    readonly issues: XlsFormIssue[] = [],
  ) {
    super(message);
    this.name = 'FormImportError';
  }
}

export interface ImportRequest {
  projectId: string;
  bytes: Uint8Array;
  fileName: string;
  /** Files attached to the form: the .csv, .geojson and .xml files of its select_*_from_file questions. */
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

const problems = (fileName: string, n: number) => `${fileName}: ${n} problem${n === 1 ? '' : 's'} to fix`;

/**
 * `publish` refuses a form whose attached files are missing: its choices are embedded in the published
 * version, which never changes, so a question without them could never be answered (ODK Central lets a
 * draft be published anyway, then needs a new version for the files: Terrain says so before publishing).
 * `preview` converts without them, with a warning per missing file.
 */
export type ConvertMode = 'publish' | 'preview';

/**
 * Reads and converts a form file with its attachments; throws FormImportError listing every issue (of the
 * form and of its files) if it is no valid form.
 */
export function convertFile(
  bytes: Uint8Array,
  fileName: string,
  now: Date,
  media: readonly AttachmentFile[] = [],
  mode: ConvertMode = 'publish',
) {
  const mediaBytes = media.reduce((sum, file) => sum + file.bytes.byteLength, 0);
  if (mediaBytes > MAX_ATTACHMENTS_BYTES) {
    const message = `The attached files are larger than ${MAX_ATTACHMENTS_BYTES / 1024 / 1024} MB together`;
    throw new FormImportError('too_large', message, [{ sheet: 'file', message }]);
  }
  let sheets;
  try {
    sheets = readWorkbook(bytes, fileName);
  } catch (err) {
    if (!(err instanceof WorkbookError)) throw err;
    const issues = [{ sheet: 'file' as const, message: err.message }];
    throw new FormImportError(err.tooLarge ? 'too_large' : 'invalid', err.message, issues);
  }
  const files = readAttachments(media);
  const result = convertXlsForm(sheets, {
    fileName,
    now,
    attachments: files.attachments,
    requireAttachments: mode === 'publish',
  });
  const issues = [...files.issues, ...(result.ok ? [] : result.issues)];
  if (result.ok && issues.length === 0) return result;
  const missing = mode === 'publish' ? result.missingFiles : [];
  const attach = missing.length > 0 ? ` (attach ${missing.join(', ')})` : '';
  throw new FormImportError('invalid', `${problems(fileName, issues.length)}${attach}`, issues);
}

/**
 * Converts an XLSForm and publishes it in the project, in one transaction: devices get it on their next pull.
 * Nothing is stored unless the whole form is valid and that version is new.
 */
export async function importForm(storage: Storage, request: ImportRequest): Promise<ImportResult> {
  const { form, warnings } = convertFile(request.bytes, request.fileName, request.now, request.media);
  await storage.transaction(async (tx) => {
    if (!(await tx.getEntity('projects', request.projectId)))
      throw new FormImportError('not_found', `No project ${request.projectId}`);
    // A published version never changes: a corrected form needs a new version in its settings sheet.
    if (await tx.getEntity('forms', formVersionKey(form.id, form.version)))
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
    };
    await publishFormVersion(tx, version, request.userId, request.now, request.client ?? null);
  });
  return summary(form, warnings);
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
