import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { allQuestions } from '../../../src/core/forms/definition';
import { convertFile } from '../../../src/server/forms/convertForm';
import { withoutEmptyCells } from '../../../src/server/forms/emptyCells';
import { readWorkbook, rowsOfSheet } from '../../../src/server/forms/readWorkbook';
import { firstSheetXml, libreOfficeXlsx, rewriteSheets } from './libreOfficeFiles';

/**
 * Issue 13, item 1: an .xlsx saved by LibreOffice declares each sheet as `A1:AMJ1048576` (every row and
 * 1,024 columns) around a few cells; reading that range cell by cell ran for minutes.
 */
const SHEETS = {
  survey: [['type', 'name', 'label'], ['integer', 'age', 'Age'], [], ['select_one yn', 'ok', 'OK?']],
  choices: [
    ['list_name', 'name', 'label'],
    ['yn', 'yes', 'Yes'],
    ['yn', 'no', 'No'],
  ],
  settings: [
    ['form_id', 'version'],
    ['lo', '7'],
  ],
};

const sheetXml = firstSheetXml;

/**
 * A dense sheet whose reads are counted: every row and cell looked up, by index or by address. Past 10,000
 * reads it throws, so that a reader going through the declared range fails at once instead of running on.
 */
function countingSheet(sheet: XLSX.WorkSheet): { sheet: XLSX.WorkSheet; reads: () => number } {
  let reads = 0;
  const read = () => {
    reads += 1;
    if (reads > 10_000) throw new Error('the reader goes through the declared range');
  };
  const counted = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read();
        return Reflect.get(t, key, receiver) as unknown;
      },
      has(t, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read();
        return Reflect.has(t, key);
      },
    });
  const rows = (sheet['!data'] ?? []).map((row) => (row ? counted(row) : row));
  const wrapped = new Proxy(
    { ...sheet, '!data': counted(rows) },
    {
      get(t, key, receiver) {
        // A cell address (`B7`): the sparse, non-dense way of reading a range.
        if (typeof key === 'string' && /^[A-Z]+\d+$/.test(key)) read();
        return Reflect.get(t, key, receiver) as unknown;
      },
    },
  );
  return { sheet: wrapped, reads: () => reads };
}

describe('a workbook saved by LibreOffice (A1:AMJ1048576)', () => {
  it('converts, with the rows and row numbers of the cells it holds', () => {
    const bytes = libreOfficeXlsx(SHEETS, { styledColumns: 40, emptyRowsTo: 1000 });
    expect(sheetXml(bytes)).toContain('<dimension ref="A1:AMJ1048576"/>');
    const sheets = readWorkbook(bytes, 'lo.xlsx');
    expect(sheets.survey).toEqual([
      { row: 2, cells: { type: 'integer', name: 'age', label: 'Age' } },
      { row: 3, cells: { type: '', name: '', label: '' } },
      { row: 4, cells: { type: 'select_one yn', name: 'ok', label: 'OK?' } },
    ]);
    expect(sheets.choices.map((r) => r.cells.name)).toEqual(['yes', 'no']);
    const { form } = convertFile(bytes, 'lo.xlsx', new Date('2025-01-01T00:00:00Z'), [], 'preview');
    expect([form.id, form.version, allQuestions(form).map((q) => q.name)]).toEqual([
      'lo',
      '7',
      ['age', 'ok'],
    ]);
    expect(form.choiceLists.yn?.map((c) => c.name)).toEqual(['yes', 'no']);
  });

  it('reads only the cells the sheet holds, never the range it declares', () => {
    const workbook = XLSX.read(libreOfficeXlsx(SHEETS), { type: 'array', dense: true });
    const survey = workbook.Sheets.survey!;
    expect(survey['!ref']).toBe('A1:AMJ1048576');
    const { sheet, reads } = countingSheet(survey);
    const rows = rowsOfSheet(sheet);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    // 9 cells in 3 rows: a few reads each (the row, the cell), nowhere near 1,024 × 1,048,576.
    expect(reads()).toBeLessThan(50);
  });

  it('drops the styled empty cells before SheetJS parses them, and nothing else', () => {
    const bytes = libreOfficeXlsx(SHEETS, { styledColumns: 1024 });
    expect(sheetXml(bytes)).toContain('<c r="AMJ2" s="1"/>');
    const kept = sheetXml(withoutEmptyCells(bytes));
    expect(kept).not.toMatch(/<c r="[A-Z]+\d+" s="1"\/>/);
    expect(readWorkbook(bytes, 'lo.xlsx')).toEqual(readWorkbook(libreOfficeXlsx(SHEETS), 'lo.xlsx'));
    // A workbook without such cells is passed on untouched.
    const plain = new Uint8Array(
      XLSX.write(
        { SheetNames: ['survey'], Sheets: { survey: XLSX.utils.aoa_to_sheet(SHEETS.survey) } },
        { type: 'array', bookType: 'xlsx' },
      ) as ArrayBuffer,
    );
    expect(withoutEmptyCells(plain)).toBe(plain);
  });

  it('keeps an empty cell that a cell without an address is placed after', () => {
    const xml =
      '<row r="1"><c r="A1" t="str"><v>type</v></c><c r="B1" s="1"/><c t="str"><v>name</v></c></row>';
    const bytes = rewriteSheets(libreOfficeXlsx({ survey: [['x']] }), (sheet) =>
      sheet.replace(/<sheetData>.*<\/sheetData>/, `<sheetData>${xml}</sheetData>`),
    );
    expect(sheetXml(withoutEmptyCells(bytes))).toContain('<c r="B1" s="1"/>');
    expect(readWorkbook(bytes, 'f.xlsx').survey).toEqual([]);
    const sheet = XLSX.read(withoutEmptyCells(bytes), { type: 'array', dense: true }).Sheets.survey!;
    expect(rowsOfSheet(sheet)[0]?.cells).toEqual(['type', undefined, 'name']);
  });
});
