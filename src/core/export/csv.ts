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

/** The table as CSV text (CRLF line ends, as RFC 4180 and ODK Central); `withHxl` adds the hashtag row. */
export function toCsv(table: Table, withHxl: boolean): string {
  const lines = [table.header, ...(withHxl ? [table.hxl] : []), ...table.rows];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
