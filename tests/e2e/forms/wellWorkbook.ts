import { crc32, deflateSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';

export const WELL_TITLE = 'Inspection des puits';
export const WELL_IMAGE_LABEL = 'Voici le puits à inspecter';
export const WELL_PHOTO_LABEL = 'Photo du puits';
export const WELL_GOOD_CHOICE = 'Bon état';

/** A solid-colour PNG of `width`×`height` (RGB), made here so the test needs no image file. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The picture the form's note shows (`media::image` = puits.png). */
export const WELL_PNG = { name: 'puits.png', buffer: solidPng(64, 48, [30, 120, 200]) };

/**
 * A small XLSForm with a picture, as a supervisor would make it: a note showing the well (media::image),
 * a photo question (type image) to try in the preview, and a choice with the same picture.
 */
export function wellWorkbook(version: string): Buffer {
  const book = XLSX.utils.book_new();
  const survey = [
    ['type', 'name', 'label', 'media::image'],
    ['note', 'puits_vue', WELL_IMAGE_LABEL, WELL_PNG.name],
    ['image', 'photo', WELL_PHOTO_LABEL, ''],
    ['select_one etat', 'etat', 'État du puits', ''],
  ];
  // A choice with a picture (the choices sheet's `image` column, as ODK names it).
  const choices = [
    ['list_name', 'name', 'label', 'image'],
    ['etat', 'bon', WELL_GOOD_CHOICE, WELL_PNG.name],
    ['etat', 'mauvais', 'Mauvais', ''],
  ];
  const settings = [
    ['form_title', 'form_id', 'version'],
    [WELL_TITLE, 'inspection_puits', version],
  ];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(survey), 'survey');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(choices), 'choices');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(settings), 'settings');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
