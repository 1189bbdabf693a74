import * as XLSX from '@e965/xlsx';

export const KITS_TITLE = 'Distribution de kits';
export const KITS_ID = 'distribution_kits';

/** The attached choices of the `village` question. */
export const VILLAGES_CSV = { name: 'villages.csv', buffer: Buffer.from('name,label\ngao,Gao\nbara,Bara\n') };

/**
 * A small XLSForm as a supervisor would make it in a spreadsheet, built as an .xlsx file; its villages come
 * from an attached file (VILLAGES_CSV). `broken`: the remark's relevance names a field that does not exist
 * (`${kitz}`, row 3, column `relevant`), the mistake the server must point at before anything is published.
 */
export function kitsWorkbook(version: string, { broken = false } = {}): Buffer {
  const book = XLSX.utils.book_new();
  const survey = [
    ['type', 'name', 'label', 'required', 'relevant'],
    ['integer', 'kits', 'Nombre de kits', 'yes', ''],
    ['text', 'remarque', 'Remarque', '', broken ? '${kitz} > 0' : '${kits} > 0'],
    ['select_one_from_file villages.csv', 'village', 'Village', '', ''],
  ];
  const settings = [
    ['form_title', 'form_id', 'version'],
    [KITS_TITLE, KITS_ID, version],
  ];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(survey), 'survey');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(settings), 'settings');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
