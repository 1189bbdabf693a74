import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/core/forms/xlsform';
import { readAttachments } from '../../../src/server/forms/attachments';
import { convertFile, FormImportError } from '../../../src/server/forms/importForm';

const bytes = (text: string) => new TextEncoder().encode(text);
const NOW = new Date('2026-11-24T08:00:00Z');

/** A sectioned CSV form whose district question takes its choices from districts.csv. */
const FORM = [
  'survey',
  ',type,name,label,choice_filter',
  ',select_one regions,region,Région,',
  ',select_one_from_file districts.csv,district,District,region=${region}',
  'choices',
  ',list_name,name,label',
  ',regions,gao,Gao',
  ',regions,kidal,Kidal',
  'settings',
  ',form_id,version',
  ',districts,1',
].join('\n');

const DISTRICTS =
  'name,label::Français (fr),region\nansongo,Ansongo,gao\nbourem,Bourem,gao\ntessalit,Tessalit,kidal\n';

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof FormImportError) return err.issues.map(formatIssue);
    throw err;
  }
  return expect.fail('the import was expected to fail');
}

describe('attached files', () => {
  it('read as rows, line numbers kept, cells exactly as typed', () => {
    const { attachments, issues } = readAttachments([
      { name: 'districts.csv', bytes: bytes('\uFEFFname,label,code\n"ansongo","Ansongo, cercle",007\n') },
    ]);
    expect(issues).toEqual([]);
    expect(attachments).toEqual({
      'districts.csv': [{ row: 2, cells: { name: 'ansongo', label: 'Ansongo, cercle', code: '007' } }],
    });
  });

  it('read the semicolons and Windows-1252 text of an Excel "CSV" saved on a French computer', () => {
    const latin1 = Uint8Array.from([...bytes('name;label\nsegou;S'), 0xe9, ...bytes('gou\n')]);
    expect(readAttachments([{ name: 'l.csv', bytes: latin1 }]).attachments['l.csv']).toEqual([
      { row: 2, cells: { name: 'segou', label: 'Ségou' } },
    ]);
  });

  it('keep GeoJSON and XML files as text (UTF-8, or UTF-16 with its mark) for the converter to read', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'<root/>'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const { attachments, issues } = readAttachments([
      { name: 'cities.geojson', bytes: bytes('\uFEFF{"type":"FeatureCollection"}') },
      { name: 'list.XML', bytes: utf16 },
    ]);
    expect(issues).toEqual([]);
    expect(attachments).toEqual({ 'cities.geojson': '{"type":"FeatureCollection"}', 'list.XML': '<root/>' });
  });

  it('refuse other formats, binary files and a name attached twice', () => {
    const { attachments, issues } = readAttachments([
      { name: 'cities.json', bytes: bytes('{"type":"FeatureCollection"}') },
      { name: 'map.geojson', bytes: Uint8Array.from([0x50, 0x4b, 3, 4, 0]) },
      { name: 'book.csv', bytes: Uint8Array.from([0x50, 0x4b, 3, 4, 0]) },
      { name: 'a.csv', bytes: bytes('name,label\nx,X\n') },
      { name: 'a.csv', bytes: bytes('name,label\ny,Y\n') },
    ]);
    expect(issues.map(formatIssue)).toEqual([
      'file: cities.json: this kind of file cannot be attached; attach images (.jpg, .png, .webp, .gif), sounds (.mp3, .m4a, .ogg, .wav), videos (.mp4, .webm) or the .csv, .geojson and .xml files of select_one_from_file',
      'file: map.geojson: this is not a text file: a .geojson file is text',
      'file: book.csv: this is not a CSV text file: save the sheet as CSV UTF-8',
      'file: a.csv is attached twice',
    ]);
    expect(Object.keys(attachments)).toEqual(['cities.json', 'map.geojson', 'book.csv', 'a.csv']);
  });
});

describe('converting a form with its attachments', () => {
  it('embeds the CSV as the question’s list', () => {
    const { form, warnings } = convertFile(bytes(FORM), 'districts.csv', NOW, [
      { name: 'districts.csv', bytes: bytes(DISTRICTS) },
    ]);
    expect(warnings).toEqual([]);
    expect(form.choiceLists.districts).toEqual([
      { name: 'ansongo', label: { fr: 'Ansongo' }, extra: { region: 'gao' } },
      { name: 'bourem', label: { fr: 'Bourem' }, extra: { region: 'gao' } },
      { name: 'tessalit', label: { fr: 'Tessalit' }, extra: { region: 'kidal' } },
    ]);
  });

  it('lists the problems of the files with those of the form, and says an unreadable file is attached', () => {
    const broken = FORM.replace(',select_one regions,region', ',select_one regionz,region');
    expect(
      issuesOf(() =>
        convertFile(bytes(broken), 'f.csv', NOW, [
          { name: 'districts.csv', bytes: Uint8Array.from([0x50, 0x4b, 3, 4]) },
        ]),
      ),
    ).toEqual([
      'file: districts.csv: this is not a CSV text file: save the sheet as CSV UTF-8',
      'survey!3 type: Choice list regionz is not in the choices sheet',
    ]);
    expect(issuesOf(() => convertFile(bytes(FORM), 'f.csv', NOW))).toEqual([
      'survey!4 type: Choices come from districts.csv, which is not attached: add it to the import with the form',
    ]);
    // A preview converts without the file, with a warning.
    expect(convertFile(bytes(FORM), 'f.csv', NOW, [], 'preview').warnings.map(formatIssue)).toEqual([
      'survey!4 type: Choices come from districts.csv, which is not attached: this question has no choices until it is',
    ]);
    expect(
      issuesOf(() =>
        convertFile(bytes(FORM), 'f.csv', NOW, [
          { name: 'districts.csv', bytes: bytes('code,title\n1,A\n') },
        ]),
      ),
    ).toEqual(['survey!4 type: districts.csv has no name and label columns (its columns: code, title)']);
  });

  it('refuses attachments over 10 MB together', () => {
    const big = new Uint8Array(6 * 1024 * 1024).fill(0x61);
    let error: unknown;
    try {
      convertFile(bytes(FORM), 'f.csv', NOW, [
        { name: 'a.csv', bytes: big },
        { name: 'b.csv', bytes: big },
      ]);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ kind: 'too_large' });
  });
});
