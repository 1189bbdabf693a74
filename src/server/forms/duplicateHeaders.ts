import * as XLSX from '@e965/xlsx';
import type { DuplicateHeader, SheetName } from '../../core/forms/xlsform';

/**
 * Headers written over two columns or more of a sheet's header row (the first row with text, as toRows
 * reads it). Rows keep the first such column's cell only, so the converter is told, and refuses the form as
 * pyxform means to: which of two `name` columns is the name is the author's call. `firstColumn` is the
 * 0-based column the rows start at, so the columns are named by their letters.
 */
export function duplicateHeaders(
  sheet: SheetName,
  raw: readonly { row: number; cells: readonly string[] }[],
  firstColumn = 0,
): DuplicateHeader[] {
  const headerRow = raw.find((r) => r.cells.some((c) => c.trim() !== ''));
  if (!headerRow) return [];
  const columns = new Map<string, string[]>();
  headerRow.cells.forEach((cell, i) => {
    const header = cell.trim();
    if (header === '') return;
    columns.set(header, [...(columns.get(header) ?? []), XLSX.utils.encode_col(firstColumn + i)]);
  });
  return [...columns]
    .filter(([, at]) => at.length > 1)
    .map(([header, at]) => ({ sheet, row: headerRow.row, header, columns: at }));
}
