import { convertXlsForm, type XlsFormIssue } from '../../core/forms/xlsform';
import { MAX_ATTACHMENTS_BYTES, readAttachments, type AttachmentFile } from './attachments';
import { checkFormFile, readWorkbook, WorkbookError } from './readWorkbook';
import '../zodLocale';

/**
 * A form file to its definition: reading the workbook and converting it, with no storage, so that it can run
 * in a worker thread (formWorker.ts) as well as in the CLI.
 */

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

/**
 * Reading and converting the file took longer than a form may (convertInWorker.ts stopped its worker): the
 * CLI says so in the user's language from `limitMs`, the server answers 413 with this message.
 */
export class FormTimeLimitError extends FormImportError {
  constructor(
    readonly fileName: string,
    readonly limitMs: number,
  ) {
    const message = `${fileName} took longer than ${limitMs / 1000} s to read: reading was stopped`;
    super('too_large', message, [{ sheet: 'file', message }]);
    this.name = 'FormTimeLimitError';
  }
}

/** The summary of an import refused for its issues. */
export const problems = (fileName: string, n: number) =>
  `${fileName}: ${n} problem${n === 1 ? '' : 's'} to fix`;

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
  const sheets = asImportError(() => readWorkbook(bytes, fileName));
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

/** checkFormFile (readWorkbook.ts) with its refusal as a FormImportError: the cheap checks of a form file. */
export function precheckFile(bytes: Uint8Array, fileName: string): void {
  asImportError(() => checkFormFile(bytes, fileName));
}

function asImportError<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof WorkbookError)) throw err;
    const issues = [{ sheet: 'file' as const, message: err.message }];
    throw new FormImportError(err.tooLarge ? 'too_large' : 'invalid', err.message, issues);
  }
}
