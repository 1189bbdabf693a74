import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { convertXlsForm } from '../../../src/core/forms/xlsform';
import {
  MAX_FORM_BYTES,
  readWorkbook,
  sniffFormat,
  WorkbookError,
} from '../../../src/server/forms/readWorkbook';
import { fixture } from './fixtureFiles';

const utf8 = (text: string) => new TextEncoder().encode(text);

function xlsx(sheets: Record<string, string[][]>, bookType: 'xlsx' | 'biff8' = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType }) as ArrayBuffer);
}

describe('readWorkbook', () => {
  it('reads by content, not by extension', () => {
    expect(sniffFormat(fixture('tutorial.xls'))).toBe('xls');
    expect(sniffFormat(fixture('group.xlsx'))).toBe('xlsx');
    const renamed = readWorkbook(fixture('tutorial.xls'), 'tutorial.xlsx');
    expect(renamed.survey[0]).toMatchObject({ row: 2, cells: { type: 'begin repeat', name: 'member' } });
  });

  it('reads the three sheets whatever their case, with Excel row numbers and text as displayed', () => {
    const bytes = xlsx({
      Survey: [
        ['type', 'name', 'label', 'default'],
        ['integer', 'n', 'N', '007'],
        [],
        ['text', 'later', 'Later'],
      ],
      CHOICES: [
        ['list_name', 'name', 'label'],
        ['yn', '1', 'Yes'],
      ],
      settings: [
        ['form_id', 'version'],
        ['f', '2024'],
      ],
      other: [['ignored']],
    });
    const sheets = readWorkbook(bytes, 'f.xlsx');
    expect(sheets.survey.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(sheets.survey[0]?.cells).toEqual({ type: 'integer', name: 'n', label: 'N', default: '007' });
    expect(sheets.choices[0]?.cells).toEqual({ list_name: 'yn', name: '1', label: 'Yes' });
    expect(sheets.settings[0]?.cells).toEqual({ form_id: 'f', version: '2024' });
  });

  it('reports a header written over two columns, which the converter refuses with its columns', () => {
    const bytes = xlsx({
      survey: [
        ['type', 'name', 'name', 'label'],
        ['text', 'q_name', 'q_value', 'Question 1'],
      ],
      external_choices: [
        ['list_name', 'name', 'label', 'label'],
        ['l', 'a', 'A', 'A again'],
      ],
    });
    const sheets = readWorkbook(bytes, 'f.xlsx');
    expect(sheets.survey[0]?.cells).toEqual({ type: 'text', name: 'q_name', label: 'Question 1' });
    expect(sheets.duplicateHeaders).toEqual([
      { sheet: 'survey', row: 1, header: 'name', columns: ['B', 'C'] },
      { sheet: 'external_choices', row: 1, header: 'label', columns: ['C', 'D'] },
    ]);
    const result = convertXlsForm(sheets);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        sheet: 'survey',
        row: 1,
        column: 'name',
        message: 'Duplicate column header name (columns B, C): keep one',
      },
      {
        sheet: 'external_choices',
        row: 1,
        column: 'label',
        message: 'Duplicate column header label (columns C, D): keep one',
      },
    ]);
  });

  it('reads old .xls written by Excel 97', () => {
    const sheets = readWorkbook(
      xlsx(
        {
          survey: [
            ['type', 'name'],
            ['text', 'a'],
          ],
        },
        'biff8',
      ),
      'old.xls',
    );
    expect(sheets.survey).toEqual([{ row: 2, cells: { type: 'text', name: 'a' } }]);
  });

  it('reads a CSV file as the survey sheet, cells exactly as typed', () => {
    const sheets = readWorkbook(
      utf8(
        '\uFEFFtype,name,label,default\r\ndate,d,"Date, please",2010-06-15\ntext,t,"Say ""hi""\nthere",\ninteger,n,N,\n',
      ),
      'form.csv',
    );
    expect(sheets.survey).toEqual([
      { row: 2, cells: { type: 'date', name: 'd', label: 'Date, please', default: '2010-06-15' } },
      { row: 3, cells: { type: 'text', name: 't', label: 'Say "hi"\nthere', default: '' } },
      // The quoted cell above spans two lines: this record starts on line 5.
      { row: 5, cells: { type: 'integer', name: 'n', label: 'N', default: '' } },
    ]);
    expect(sheets.choices).toEqual([]);
  });

  it("reads pyxform's sectioned CSV: survey, choices and settings in one file", () => {
    const csv = [
      'survey,,,',
      ',type,name,label',
      ',select_one yn,q,Q?',
      'choices,,,',
      ',list_name,name,label',
      ',yn,yes,Yes',
      ',yn,no,No',
      'settings,,,',
      ',form_id,version,',
      ',csv_form,3,',
    ].join('\n');
    const sheets = readWorkbook(utf8(csv), 'form.csv');
    expect(sheets.survey).toEqual([{ row: 3, cells: { type: 'select_one yn', name: 'q', label: 'Q?' } }]);
    const result = convertXlsForm(sheets, { fileName: 'form.csv' });
    expect(result.ok && [result.form.id, result.form.version, result.form.choiceLists.yn?.length]).toEqual([
      'csv_form',
      '3',
      2,
    ]);
  });

  it('refuses files over 10 MB and files that are not workbooks', () => {
    const big = new Uint8Array(MAX_FORM_BYTES + 1);
    expect(() => readWorkbook(big, 'big.xlsx')).toThrow(expect.objectContaining({ tooLarge: true }) as Error);
    expect(() => readWorkbook(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'photo.xlsx')).toThrow(
      WorkbookError,
    );
    expect(() => readWorkbook(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx')).toThrow(
      /could not be read/,
    );
    expect(() => readWorkbook(new Uint8Array(), 'empty.xlsx')).toThrow(/not an XLSForm/);
  });
});
