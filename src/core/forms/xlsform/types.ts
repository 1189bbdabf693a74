import type { FormDefinition } from '../definition';

/** The sheets an XLSForm converter reads; other sheets of a workbook are ignored. */
export type SheetName = 'survey' | 'choices' | 'settings' | 'external_choices';

/**
 * One non-header row of a sheet: cell text keyed by the column header as written (trimmed), and the row's
 * 1-based number in the sheet (or line in a CSV file), so every message can point the author at it.
 */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface XlsFormSheets {
  survey: SheetRow[];
  choices: SheetRow[];
  settings: SheetRow[];
  /** The lists of select_one_external questions (pyxform reads them; ODK ships them as itemsets.csv). */
  external_choices?: SheetRow[];
  /** Headers a sheet has in several columns (the rows keep the first column's cells): refused. */
  duplicateHeaders?: DuplicateHeader[];
  /** Every sheet name of the workbook as written, so a misspelled `chioces` can be pointed at. */
  sheetNames?: string[];
}

/** A header written in several columns of a sheet's header row (`row`), with their letters. */
export interface DuplicateHeader {
  sheet: SheetName;
  row: number;
  header: string;
  columns: string[];
}

/**
 * A problem in the form. `sheet` is one of the three sheets, or `file` when the file itself is unreadable;
 * `row` and `column` (the header as the author wrote it) are present whenever the problem sits in a cell.
 */
export interface XlsFormIssue {
  sheet: SheetName | 'file';
  row?: number;
  column?: string;
  message: string;
}

export interface ConvertOptions {
  /** The uploaded file's name: the title and id fall back to it. */
  fileName?: string;
  /** The clock for the default version (`YYYYMMDDHHmm`, UTC). */
  now?: Date;
  /**
   * Files attached to the form (ODK Central's form attachments), by file name as the survey names them,
   * which select_*_from_file questions take choices from. `undefined` marks a file that was attached but
   * could not be read (the reader reports why): it is not "missing".
   */
  attachments?: Readonly<Record<string, AttachmentContent | undefined>>;
  /**
   * True when the form is to be published: a file the survey names and nobody attached is then an issue.
   * Otherwise it is a warning, and its questions keep the file's name with no choices until it is attached.
   */
  requireAttachments?: boolean;
}

/** An attached file as the converter reads it: a CSV's rows (as a sheet's), the text of a .geojson or .xml. */
export type AttachmentContent = SheetRow[] | string;

/** `missingFiles`: the files the survey names that were not attached, in survey order. */
export type ConvertResult =
  | { ok: true; form: FormDefinition; warnings: XlsFormIssue[]; missingFiles: string[] }
  | { ok: false; issues: XlsFormIssue[]; warnings: XlsFormIssue[]; missingFiles: string[] };

/** `survey!12 relevant: message`, the way the CLI and logs print an issue. */
export function formatIssue(issue: XlsFormIssue): string {
  const at = issue.row === undefined ? issue.sheet : `${issue.sheet}!${issue.row}`;
  return issue.column ? `${at} ${issue.column}: ${issue.message}` : `${at}: ${issue.message}`;
}
