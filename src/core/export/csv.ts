/** One CSV file: a header row, optionally HXL's hashtag row under it, then the data. */
export interface Table {
  /** The file's base name, without `.csv` (ODK Central's: `form`, `form-repeat`). */
  name: string;
  header: string[];
  /** HXL hashtags, one per column ('' for a column without one). */
  hxl: string[];
  rows: string[][];
}

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A text answer a spreadsheet would run as a formula when the CSV is opened (`=HYPERLINK(…)`, `+223 76…`,
 * `@SUM(…)`: OWASP's "CSV injection") gets a leading `'`, which Excel and LibreOffice read as "this is
 * text" and do not show. Numbers (`-3`, `+1.5`) are data and stay as they are. XLSX needs none of this:
 * its cells are typed, a string is never a formula.
 */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

/** The table as CSV text (CRLF line ends, as RFC 4180 and ODK Central); `withHxl` adds the hashtag row. */
export function toCsv(table: Table, withHxl: boolean): string {
  const data = table.rows.map((row) => row.map(neutralizeFormula));
  const lines = [table.header, ...(withHxl ? [table.hxl] : []), ...data];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
