import { allQuestions, type FormDefinition } from '../../core/forms/definition';
import { convertXlsForm, type XlsFormIssue } from '../../core/forms/xlsform';
import { formVersionKey } from '../../core/records/formVersion';
import { pickText } from '../../core/i18n/localized';
import { publishFormVersion } from '../catalog';
import type { Storage } from '../storage/Storage';
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
  userId: string | null;
  now: Date;
}

export interface ImportResult {
  formId: string;
  version: string;
  title: string;
  /** Every question at any depth, notes and calculations included (groups and repeats are not questions). */
  questionCount: number;
  warnings: XlsFormIssue[];
}

/** Reads and converts a form file; throws FormImportError listing every issue if it is no valid form. */
export function convertFile(bytes: Uint8Array, fileName: string, now: Date) {
  let sheets;
  try {
    sheets = readWorkbook(bytes, fileName);
  } catch (err) {
    if (!(err instanceof WorkbookError)) throw err;
    const issues = [{ sheet: 'file' as const, message: err.message }];
    throw new FormImportError(err.tooLarge ? 'too_large' : 'invalid', err.message, issues);
  }
  const result = convertXlsForm(sheets, { fileName, now });
  if (!result.ok) {
    const n = result.issues.length;
    throw new FormImportError(
      'invalid',
      `${fileName}: ${n} problem${n === 1 ? '' : 's'} to fix`,
      result.issues,
    );
  }
  return result;
}

/**
 * Converts an XLSForm and publishes it in the project, in one transaction: devices get it on their next pull.
 * Nothing is stored unless the whole form is valid and that version is new.
 */
export async function importForm(storage: Storage, request: ImportRequest): Promise<ImportResult> {
  const { form, warnings } = convertFile(request.bytes, request.fileName, request.now);
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
    await publishFormVersion(tx, version, request.userId, request.now);
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
