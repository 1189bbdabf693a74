import type { CellType } from './cellTypes';

/** One CSV file: a header row, optionally HXL's hashtag row under it, then the data. */
export interface Table {
  /** The file's base name, without `.csv` (ODK Central's: `form`, `form-repeat`). */
  name: string;
  header: string[];
  /** HXL hashtags, one per column ('' for a column without one). */
  hxl: string[];
  rows: string[][];
  /**
   * What each column holds, for the formats that type their cells (XLSX, GeoJSON; see cellTypes.ts); a
   * column without one, or a table without any, is text. CSV writes every cell as text regardless.
   */
  types?: CellType[];
}

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** What a spreadsheet always reads as the start of a formula (or of a cell it may split: tab, CR). */
const ALWAYS_FORMULA = /^[=@\t\r]/;
/**
 * After a leading `+` or `-`, digits with spaces, dots, parentheses and hyphens (`+223 76 12 34 56`, `-5`,
 * `-0.25e3`) can only be arithmetic on constants: no function, no cell reference, no DDE (`cmd|…`), so nothing
 * that runs. Anything else after a sign (`-2+3+cmd|' /C calc'!A0`, `+HYPERLINK(…)`) is guarded.
 */
const PLAIN_SIGNED = /^[-+](?:[\d .()-]*\d[\d .()-]*|(\d+\.?\d*|\.\d+)[eE][-+]?\d+)$/;

/**
 * A text answer a spreadsheet would run as a formula when the CSV is opened (`=HYPERLINK(…)`, `@SUM(…)`,
 * `+cmd|…`: OWASP's "CSV injection") gets a leading `'`, which Excel and LibreOffice read as "this is text"
 * and do not show. Numbers (`-3`, `+1.5`) and phone numbers (`+223 76 12 34 56`) are data and stay as they
 * are: a guard that mangles them makes the file wrong for every reader that is not a spreadsheet. XLSX needs
 * none of this: its cells are typed, a string is never a formula.
 */
export function neutralizeFormula(value: string): string {
  if (ALWAYS_FORMULA.test(value)) return `'${value}`;
  return /^[-+]/.test(value) && !PLAIN_SIGNED.test(value) ? `'${value}` : value;
}

/**
 * UTF-8's byte-order mark, first in a CSV file: without it, Excel on Windows reads the file in the system's
 * code page and shows `Ã©` for `é`. Other readers (pandas, R, LibreOffice, QGIS) skip it.
 */
export const UTF8_BOM = '\uFEFF';

/** The table as CSV text (CRLF line ends, as RFC 4180 and ODK Central); `withHxl` adds the hashtag row. */
export function toCsv(table: Table, withHxl: boolean): string {
  const data = table.rows.map((row) => row.map(neutralizeFormula));
  const lines = [table.header, ...(withHxl ? [table.hxl] : []), ...data];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
