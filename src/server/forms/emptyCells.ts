import * as XLSX from '@e965/xlsx';

/** What this module uses of SheetJS's zip container (its `CFB` export is typed `any`). */
interface ZipContainer {
  FullPaths: string[];
  FileIndex: { content?: Uint8Array | number[]; size: number }[];
}
interface ZipApi {
  read(data: Uint8Array, options: { type: 'array' }): ZipContainer;
  write(zip: ZipContainer, options: { type: 'array'; fileType: 'zip' }): ArrayLike<number>;
}
const zipApi = XLSX.CFB as ZipApi;

/**
 * A cell that holds nothing but a style, `<c r="E12" s="3"/>`, followed by a cell that names its own place
 * or by the end of its row (a cell without `r` is placed after the one before it, so that one must stay).
 */
const EMPTY_CELL = /<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]+")?\/>(?=<c r="|<\/row>)/g;
const WORKSHEET = /(?:^|\/)xl\/worksheets\/[^/]+\.xml$/i;

/**
 * The .xlsx without the empty cells of its sheets. LibreOffice writes a styled empty cell for every
 * formatted cell: a sheet formatted whole declares `A1:AMJ1048576` and may hold a thousand empty cells per
 * row, which SheetJS parses one by one (3 s for 2,000 rows) only to drop them. Removing them first keeps
 * reading proportional to the cells that hold something. The bytes are returned as they are when no sheet
 * has such cells, or when the zip cannot be read (SheetJS then says why).
 */
export function withoutEmptyCells(bytes: Uint8Array): Uint8Array {
  let zip: ZipContainer;
  try {
    zip = zipApi.read(bytes, { type: 'array' });
  } catch {
    return bytes;
  }
  let changed = false;
  zip.FileIndex.forEach((entry, i) => {
    if (!WORKSHEET.test(zip.FullPaths[i] ?? '') || !entry.content) return;
    const { content } = entry;
    const xml = new TextDecoder().decode(content instanceof Uint8Array ? content : Uint8Array.from(content));
    const kept = xml.replace(EMPTY_CELL, '');
    if (kept.length === xml.length) return;
    entry.content = new TextEncoder().encode(kept);
    entry.size = entry.content.length;
    changed = true;
  });
  // Stored, not deflated: SheetJS reads it back at once, and deflating again would cost more than it saves.
  return changed ? new Uint8Array(zipApi.write(zip, { type: 'array', fileType: 'zip' })) : bytes;
}
