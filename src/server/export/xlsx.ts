import * as XLSX from '@e965/xlsx';
import { excelSerial, typedValue, type CellType } from '../../core/export/cellTypes';
import type { Table } from '../../core/export/csv';

/** Excel allows 31 characters in a sheet name, and no `[]:*?/\`. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  taken.add(candidate);
  return candidate;
}

/** ISO formats, read the same whatever the reader's locale (5/1 is May or January depending on who reads). */
const DATE_FORMATS = { date: 'yyyy-mm-dd', dateTime: 'yyyy-mm-dd hh:mm:ss' } as const;

type SheetCell = XLSX.CellObject | string | number | boolean | null;

/**
 * A data cell by its column's type: a number cell, a date cell (a serial number with a date format, which
 * Excel, LibreOffice and pandas read as a date), a boolean, or text. An empty typed cell is no cell at all;
 * a value its type cannot read (an answer from an older form version) stays text, as in the CSV.
 */
function cellOf(text: string, type: CellType | undefined): SheetCell {
  if (type === 'date' || type === 'dateTime') {
    if (text === '') return null;
    const serial = excelSerial(text, type);
    return serial === null ? text : { t: 'n', v: serial, z: DATE_FORMATS[type] };
  }
  return typedValue(text, type);
}

/**
 * The tables of a CSV export as one workbook, a sheet per table: header (and HXL row) as text, data cells
 * typed by their column (see cellTypes.ts). A string cell is never a formula, so no formula guard is needed.
 */
export function tablesToXlsx(tables: readonly Table[], withHxl: boolean): Uint8Array {
  const book = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const t of tables) {
    const rows = t.rows.map((row) => row.map((text, j) => cellOf(text, t.types?.[j])));
    const sheet = XLSX.utils.aoa_to_sheet([t.header, ...(withHxl ? [t.hxl] : []), ...rows]);
    XLSX.utils.book_append_sheet(book, sheet, sheetName(t.name, taken));
  }
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}
