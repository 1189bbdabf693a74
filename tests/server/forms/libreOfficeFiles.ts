import * as XLSX from '@e965/xlsx';
import { crc32, deflateRawSync } from 'node:zlib';
import { writeZip, type Part } from './hostileFiles';

/** SheetJS's zip reader (its `CFB` export is typed `any`). */
const CFB = XLSX.CFB as {
  read(
    data: Uint8Array,
    options: { type: 'array' },
  ): { FullPaths: string[]; FileIndex: { type: number; content?: Uint8Array }[] };
};

export interface LibreOfficeQuirks {
  /** Styled empty cells `<c r="X1" s="1"/>` after each row's own cells, up to this many columns (1,024). */
  styledColumns?: number;
  /** Empty `<row>` elements after the last row with text, as LibreOffice writes down to row 1,000. */
  emptyRowsTo?: number;
}

/**
 * A workbook of the given sheets as LibreOffice Calc saves one whose sheets were formatted whole: every
 * sheet declares `<dimension ref="A1:AMJ1048576"/>` (every row, 1,024 columns), and optionally holds
 * styled empty cells and empty rows. Built with SheetJS, then its sheet XML rewritten and rezipped.
 */
export function libreOfficeXlsx(
  sheets: Record<string, string[][]>,
  quirks: LibreOfficeQuirks = {},
): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  return rewriteSheets(bytes, (xml) => quirky(xml, quirks));
}

/** The .xlsx with the XML of each of its sheets passed through `rewrite`, rezipped. */
export function rewriteSheets(bytes: Uint8Array, rewrite: (xml: string) => string): Uint8Array {
  const zip = CFB.read(bytes, { type: 'array' });
  const parts: Part[] = [];
  zip.FullPaths.forEach((path, i) => {
    const entry = zip.FileIndex[i];
    const name = path.replace(/^Root Entry\//, '');
    if (!entry?.content || entry.type !== 2 || name.startsWith('\u0001')) return;
    let data = Buffer.from(entry.content);
    if (SHEET.test(name)) data = Buffer.from(rewrite(data.toString('utf8')));
    // Deflated by zlib, as LibreOffice does: SheetJS's own deflate leaves the styled cells ten times larger.
    parts.push({ name, method: 8, data: deflateRawSync(data), crc: crc32(data), size: data.length });
  });
  return new Uint8Array(writeZip(parts));
}

/** The XML of the workbook's first sheet. */
export function firstSheetXml(bytes: Uint8Array): string {
  const zip = CFB.read(bytes, { type: 'array' });
  const at = zip.FullPaths.findIndex((p) => p.endsWith('xl/worksheets/sheet1.xml'));
  return new TextDecoder().decode(zip.FileIndex[at]?.content);
}

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

function quirky(sheetXml: string, quirks: LibreOfficeQuirks): string {
  let xml = sheetXml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:AMJ1048576"/>');
  if (quirks.styledColumns)
    xml = xml.replace(/<row r="(\d+)"(.*?)<\/row>/g, (row, r: string) => {
      const used = (row.match(/<c /g) ?? []).length;
      let stubs = '';
      for (let c = used; c < quirks.styledColumns!; c += 1)
        stubs += `<c r="${XLSX.utils.encode_col(c)}${r}" s="1"/>`;
      return row.replace('</row>', `${stubs}</row>`);
    });
  if (quirks.emptyRowsTo) {
    const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
    let rows = '';
    for (let r = last + 1; r <= quirks.emptyRowsTo; r += 1)
      rows += `<row r="${r}" customFormat="false" ht="12.8" hidden="false"></row>`;
    xml = xml.replace('</sheetData>', `${rows}</sheetData>`);
  }
  return xml;
}

/** A survey of `questions` text questions (and a settings sheet), the shape of the benchmark's largest form. */
export function largeSurvey(questions: number): Record<string, string[][]> {
  const survey = [
    ['type', 'name', 'label::English (en)', 'label::Français (fr)', 'hint::English (en)', 'required'],
  ];
  for (let i = 1; i <= questions; i += 1)
    survey.push(['text', `q${i}`, `Question ${i}`, `Question ${i} (fr)`, `Hint ${i}`, i % 2 ? 'yes' : '']);
  return {
    survey,
    settings: [
      ['form_id', 'version'],
      ['largest', '1'],
    ],
  };
}
