import * as XLSX from '@e965/xlsx';
import type { Table } from '../../core/export/csv';

/** Excel allows 31 characters in a sheet name, and no `[]:*?/\`. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  taken.add(candidate);
  return candidate;
}

/** The tables of a CSV export as one workbook, a sheet per table, cells as text (as in the CSV). */
export function tablesToXlsx(tables: readonly Table[], withHxl: boolean): Uint8Array {
  const book = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const t of tables) {
    const sheet = XLSX.utils.aoa_to_sheet([t.header, ...(withHxl ? [t.hxl] : []), ...t.rows]);
    XLSX.utils.book_append_sheet(book, sheet, sheetName(t.name, taken));
  }
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}
