import * as XLSX from '@e965/xlsx';
import type { SheetName, SheetRow, XlsFormSheets } from '../../core/forms/xlsform';
import { duplicateHeaders } from './duplicateHeaders';
import { parseCsv } from './csv';
import { withoutEmptyCells } from './emptyCells';
import { zipDirectory } from './zipDirectory';

/** The largest form file accepted: real XLSForms are well under 1 MB, even with thousands of choices. */
export const MAX_FORM_BYTES = 10 * 1024 * 1024;
/** Rows per sheet (choices included): far above real forms, a few hundred questions and lists of villages. */
export const MAX_FORM_ROWS = 50_000;
/** Named columns per sheet: labels, hints and messages in a dozen languages stay well below. */
export const MAX_FORM_COLUMNS = 1_000;
/**
 * What an .xlsx may unpack to, all its parts together. Real forms unpack to a few MB; a 10 MB upload of
 * compressed zeros can unpack to 10 GB, which froze the server reading it (issue 11).
 */
export const MAX_FORM_UNPACKED_BYTES = 50 * 1024 * 1024;
/** Parts of an .xlsx: a workbook has a dozen or two. */
const MAX_ZIP_ENTRIES = 1_000;

const MB = 1024 * 1024;
const count = (n: number) => n.toLocaleString('en-US');

/** The file cannot be read as a form (too large, not a workbook); the message is for the author. */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export type WorkbookFormat = 'xlsx' | 'xls' | 'csv';

const SHEETS: SheetName[] = ['survey', 'choices', 'settings', 'external_choices'];

/**
 * The format from the first bytes, whatever the extension says (forms travel by e-mail and get renamed):
 * a zip is .xlsx, an OLE2 compound file is .xls, UTF-8 text without NUL bytes is CSV.
 */
export function sniffFormat(bytes: Uint8Array): WorkbookFormat | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'xls';
  if (bytes.length === 0 || bytes.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'csv';
  } catch {
    return undefined;
  }
}

/**
 * Refuses an .xlsx whose parts unpack to more than MAX_FORM_UNPACKED_BYTES, from the sizes its zip
 * directory lists, before anything is inflated.
 */
function checkUnpackedSize(bytes: Uint8Array, fileName: string): void {
  const entries = zipDirectory(bytes);
  if (!entries) throw new WorkbookError(`${fileName} could not be read as an xlsx workbook (damaged zip)`);
  if (entries.length > MAX_ZIP_ENTRIES)
    throw new WorkbookError(`${fileName} holds ${count(entries.length)} parts: not a form workbook`, true);
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_FORM_UNPACKED_BYTES)
    throw new WorkbookError(
      `${fileName} unpacks to ${Math.ceil(unpacked / MB)} MB; a form workbook may unpack to at most ` +
        `${MAX_FORM_UNPACKED_BYTES / MB} MB`,
      true,
    );
}

/**
 * What can be told of a form file without reading it: its size, its format, and for an .xlsx what it
 * unpacks to. Cheap (no inflating), so the server checks it before starting a worker for the file.
 */
export function checkFormFile(bytes: Uint8Array, fileName: string): WorkbookFormat {
  if (bytes.byteLength > MAX_FORM_BYTES)
    throw new WorkbookError(`${fileName} is larger than ${MAX_FORM_BYTES / 1024 / 1024} MB`, true);
  const format = sniffFormat(bytes);
  if (!format) throw new WorkbookError(`${fileName} is not an XLSForm: expected an .xlsx, .xls or .csv file`);
  if (format === 'xlsx') checkUnpackedSize(bytes, fileName);
  return format;
}

/**
 * Reads the survey, choices and settings sheets of a form file into rows (text as displayed, formulas never
 * evaluated: SheetJS reads the value Excel cached). Missing sheets are empty; the converter says what that
 * means. Throws WorkbookError for files over 10 MB, workbooks that unpack to more than 50 MB, sheets of more
 * than 50,000 rows or 1,000 columns, and files that are no workbook.
 */
export function readWorkbook(bytes: Uint8Array, fileName: string): XlsFormSheets {
  const format = checkFormFile(bytes, fileName);
  if (format === 'csv') return readCsv(new TextDecoder().decode(bytes));
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(format === 'xlsx' ? withoutEmptyCells(bytes) : bytes, {
      type: 'array',
      // Rows of cells, each row an array holding only the cells the file has: see rowsOfSheet.
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      // One row past the limit (and the header): enough to tell that a sheet is too long, no more.
      sheetRows: MAX_FORM_ROWS + 2,
    });
  } catch (err) {
    throw new WorkbookError(
      `${fileName} could not be read as a ${format} workbook (${(err as Error).message})`,
    );
  }
  // Every name, so the converter can point at a misspelled `chioces` (issue 13).
  const out: Required<XlsFormSheets> = {
    ...{ survey: [], choices: [], settings: [], external_choices: [] },
    sheetNames: workbook.SheetNames,
    duplicateHeaders: [],
  };
  for (const sheetName of workbook.SheetNames) {
    const key = SHEETS.find((s) => s === sheetName.trim().toLowerCase());
    const sheet = workbook.Sheets[sheetName];
    if (!key || !sheet || out[key].length > 0) continue;
    const raw = rowsOfSheet(sheet, `The ${key} sheet`);
    out[key] = toRows(raw, `The ${key} sheet`);
    // Dense rows: cell i is column i (A = 0).
    out.duplicateHeaders.push(...duplicateHeaders(key, raw));
  }
  return out;
}

interface RawRow {
  /** The row number as Excel shows it (from 1). */
  row: number;
  /** Text by column index; a sparse array when read from a workbook (only the cells the file has). */
  cells: string[];
}

/**
 * The rows of a sheet read in dense mode, each with the text of its cells as displayed, visiting only the
 * cells the file holds. The range a sheet declares is never used: LibreOffice declares `A1:AMJ1048576`
 * (every row, 1,024 columns) around a few cells, and building each empty cell of it took minutes. Blank
 * rows between the first and the last row with text are kept, empty, as the sheet shows them; row numbers
 * are Excel's. A cell on the last row SheetJS reads (see sheetRows) means the sheet goes on: too long.
 */
export function rowsOfSheet(sheet: XLSX.WorkSheet, where = 'The sheet'): RawRow[] {
  const rows: RawRow[] = [];
  // forEach skips the holes of a sparse array: only rows and cells that exist are visited.
  (sheet['!data'] ?? []).forEach((cells, r) => {
    const texts: string[] = [];
    let any = false;
    cells.forEach((cell, c) => {
      if (cell.t === 'z' || cell.t === 'e') return;
      texts[c] = XLSX.utils.format_cell(cell);
      any = true;
    });
    if (!any) return;
    if (r > MAX_FORM_ROWS)
      throw new WorkbookError(`${where} has more than ${count(MAX_FORM_ROWS)} rows`, true);
    // The blank rows since the previous row with text (at most MAX_FORM_ROWS in all: see the check above).
    for (let blank = (rows.at(-1)?.row ?? r) + 1; blank <= r; blank += 1)
      rows.push({ row: blank, cells: [] });
    rows.push({ row: r + 1, cells: texts });
  });
  return rows;
}

/**
 * Header = first row with text; every later row becomes cells keyed by header (unnamed columns dropped).
 * More than MAX_FORM_ROWS rows after the header, or MAX_FORM_COLUMNS named columns, throw a WorkbookError
 * naming `where`.
 */
export function toRows(raw: RawRow[], where = 'The sheet'): SheetRow[] {
  const headerAt = raw.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (raw.length - Math.max(headerAt, 0) - 1 > MAX_FORM_ROWS)
    throw new WorkbookError(`${where} has more than ${count(MAX_FORM_ROWS)} rows`, true);
  const header = raw[headerAt]?.cells.map((h) => h.trim()) ?? [];
  if (header.filter((h) => h !== '').length > MAX_FORM_COLUMNS)
    throw new WorkbookError(`${where} has more than ${count(MAX_FORM_COLUMNS)} columns`, true);
  return raw.slice(headerAt + 1).map(({ row, cells }) => {
    const named: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h !== '' && named[h] === undefined) named[h] = cells[i] ?? '';
    });
    return { row, cells: named };
  });
}

/**
 * CSV, one file, two layouts:
 * - pyxform's sectioned CSV: a row whose first cell is `survey`, `choices` or `settings` starts that sheet,
 *   and the sheet's rows follow with an empty first cell (header row first);
 * - otherwise the whole file is the survey sheet (a form without choices or settings).
 * Row numbers are the file's line numbers (where the record starts). Cells are kept exactly as typed.
 */
export function readCsv(text: string): XlsFormSheets {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const sectionOf = (r: RawRow) => SHEETS.find((s) => s === (r.cells[0] ?? '').trim().toLowerCase());
  if (!records.some((r) => sectionOf(r)))
    return { survey: toRows(records, 'The survey'), choices: [], settings: [] };
  const sections: Record<SheetName, RawRow[]> = {
    survey: [],
    choices: [],
    settings: [],
    external_choices: [],
  };
  let current: SheetName | undefined;
  for (const record of records) {
    const section = sectionOf(record);
    if (section) current = section;
    else if (current) sections[current].push({ row: record.row, cells: record.cells.slice(1) });
  }
  return {
    survey: toRows(sections.survey, 'The survey section'),
    choices: toRows(sections.choices, 'The choices section'),
    settings: toRows(sections.settings, 'The settings section'),
    external_choices: toRows(sections.external_choices, 'The external_choices section'),
  };
}
