import type { FormDefinition } from '../definition';

/** The sheets an XLSForm converter reads; other sheets of a workbook are ignored. */
export type SheetName = 'survey' | 'choices' | 'settings';

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
}

export type ConvertResult =
  | { ok: true; form: FormDefinition; warnings: XlsFormIssue[] }
  | { ok: false; issues: XlsFormIssue[]; warnings: XlsFormIssue[] };

/** `survey!12 relevant: message`, the way the CLI and logs print an issue. */
export function formatIssue(issue: XlsFormIssue): string {
  const at = issue.row === undefined ? issue.sheet : `${issue.sheet}!${issue.row}`;
  return issue.column ? `${at} ${issue.column}: ${issue.message}` : `${at}: ${issue.message}`;
}
