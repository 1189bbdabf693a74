import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, neutralizeFormula, toCsv } from '../../../src/core/export/csv';
import { odkGeoText, submissionTables } from '../../../src/core/export/submissionTables';
import { parseCsv } from '../../../src/server/forms/csv';
import { householdForm, householdSubmission, sampleSubmission } from './householdForm';

const neutralized = (row: string[]) => row.map(neutralizeFormula);

/** What toCsv writes, read back with the CSV reader the server uses for form attachments. */
const readCsv = (text: string): string[][] => parseCsv(text).map((r) => r.cells);

describe('submission tables (ODK Central CSV shape)', () => {
  const [main, members, vaccins] = submissionTables(householdForm, [sampleSubmission], {
    lang: 'fr',
    codes: true,
    // Who submitted, by name: people, not account ids (issue 14).
    submitters: { 'agent-1': { username: 'awa', name: 'Awa Traoré' } },
  });

  it('writes lines and shapes as ODK does: `lat lon alt acc;…`, a shape’s ring closed once', () => {
    const a = { latitude: 16, longitude: -0.1, altitude: 250, accuracy: 5 };
    const b = { latitude: 16.1, longitude: -0.1 };
    const c = { latitude: 16.1, longitude: 0 };
    expect(odkGeoText('geotrace', [a, b, c])).toBe('16 -0.1 250 5;16.1 -0.1;16.1 0');
    expect(odkGeoText('geoshape', [a, b, c])).toBe('16 -0.1 250 5;16.1 -0.1;16.1 0;16 -0.1 250 5');
    expect(odkGeoText('geoshape', [a, b, c, a])).toBe('16 -0.1 250 5;16.1 -0.1;16.1 0;16 -0.1 250 5');
    expect(odkGeoText('geoshape', 'not points')).toBe('');
  });

  it('has one table per repeat level, named like Central, columns by group path', () => {
    expect([main?.name, members?.name, vaccins?.name]).toEqual([
      'menage',
      'menage-membre',
      'menage-membre-vaccin',
    ]);
    expect(main?.header).toEqual([
      'SubmissionDate',
      'lieu-region',
      'lieu-village',
      'gps-Latitude',
      'gps-Longitude',
      'gps-Altitude',
      'gps-Accuracy',
      'champ',
      'besoins',
      'jour',
      'SET-OF-membre',
      'KEY',
      'SubmitterID',
      'SubmitterUsername',
      'SubmitterName',
      'FormVersion',
    ]);
    expect(members?.header).toEqual(['nom', 'id-age', 'SET-OF-vaccin', 'PARENT_KEY', 'KEY']);
    expect(vaccins?.header).toEqual(['nom_vaccin', 'PARENT_KEY', 'KEY']);
  });

  it('joins the levels by KEY, PARENT_KEY and SET-OF, nested repeats included', () => {
    expect(main?.rows).toEqual([
      [
        '2026-11-30T09:00:00.000Z',
        'ML07',
        'Bara, "centre"',
        '16.27',
        '-0.04',
        '250',
        '5',
        '16 -0.1;16.1 -0.1;16.1 0;16 -0.1',
        'eau abri',
        '2026-11-30',
        's1/membre',
        's1',
        'agent-1',
        'awa',
        'Awa Traoré',
        '1',
      ],
    ]);
    expect(members?.rows).toEqual([
      ['Aïssata', '34', 's1/membre[1]/vaccin', 's1', 's1/membre[1]'],
      ['Moussa', '4', 's1/membre[2]/vaccin', 's1', 's1/membre[2]'],
    ]);
    expect(vaccins?.rows).toEqual([
      ['VAR', 's1/membre[1]', 's1/membre[1]/vaccin[1]'],
      ['BCG', 's1/membre[1]', 's1/membre[1]/vaccin[2]'],
    ]);
    // Every child's PARENT_KEY is a KEY of the table above, and its KEY starts with the parent's SET-OF.
    const setOf = new Set(members?.rows.map((r) => r[2]));
    for (const r of vaccins?.rows ?? []) expect(setOf.has(r[2]?.replace(/\[\d+\]$/, ''))).toBe(true);
  });

  it('writes labels in the chosen language instead of codes', () => {
    const [fr] = submissionTables(householdForm, [sampleSubmission], { lang: 'fr', codes: false });
    const [en] = submissionTables(householdForm, [sampleSubmission], { lang: 'en', codes: false });
    expect(fr?.rows[0]?.slice(1, 2)).toEqual(['Gao']);
    expect(fr?.rows[0]?.[8]).toBe('Eau potable; Abri');
    expect(en?.rows[0]?.[8]).toBe('Drinking water; Shelter');
  });

  it('puts an HXL hashtag row under the header, with default tags or the given ones', () => {
    expect(main?.hxl.slice(0, 7)).toEqual([
      '#date+reported',
      '#adm1',
      '#loc',
      '#geo+lat',
      '#geo+lon',
      '#geo+elevation',
      '#geo+accuracy',
    ]);
    expect(main?.hxl.slice(-5)).toEqual([
      '#meta+id',
      '#meta+submitter',
      '#meta+submitter+username',
      '#meta+submitter+name',
      '#meta+version',
    ]);
    const [tagged] = submissionTables(householdForm, [], {
      lang: 'fr',
      codes: true,
      hxlTags: { besoins: '#sector+needs' },
    });
    expect(tagged?.hxl[8]).toBe('#sector+needs');
  });

  it('takes the form’s hxl column over the default mapping, and the caller’s map over both', () => {
    const items = householdForm.items.map((item) =>
      item.kind === 'group' && item.name === 'lieu'
        ? {
            ...item,
            items: item.items.map((q) => (q.kind === 'question' ? { ...q, hxl: `#${q.name}+x` } : q)),
          }
        : item.kind === 'question' && item.type === 'geopoint'
          ? { ...item, hxl: '#geo+site' }
          : item,
    );
    const tagged = { ...householdForm, items };
    const [byForm] = submissionTables(tagged, [], { lang: 'fr', codes: true });
    expect(byForm?.hxl.slice(1, 5)).toEqual(['#region+x', '#village+x', '#geo+site+lat', '#geo+site+lon']);
    const [byCaller] = submissionTables(tagged, [], {
      lang: 'fr',
      codes: true,
      hxlTags: { region: '#adm1+name' },
    });
    expect(byCaller?.hxl[1]).toBe('#adm1+name');
    const csv = toCsv(main!, true).split('\r\n');
    expect(csv[1]).toMatch(/^#date\+reported,#adm1,#loc,#geo\+lat/);
  });

  it('keeps every row as long as its header, whatever the answers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            village: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
            besoins: fc.oneof(fc.array(fc.constantFrom('eau', 'abri', 'autre')), fc.string()),
            membre: fc.array(
              fc.record({
                nom: fc.string(),
                vaccin: fc.array(fc.record({ nom_vaccin: fc.string() }), { maxLength: 3 }),
              }),
              { maxLength: 3 },
            ),
          }),
          { maxLength: 4 },
        ),
        (datas) => {
          const subs = datas.map((d, i) => householdSubmission(`s${i}`, d));
          const tables = submissionTables(householdForm, subs, { lang: 'en', codes: false });
          for (const t of tables) {
            expect(t.hxl).toHaveLength(t.header.length);
            for (const r of t.rows) expect(r).toHaveLength(t.header.length);
            expect(readCsv(toCsv(t, true))).toEqual([t.header, t.hxl, ...t.rows.map(neutralized)]);
          }
          const keys = new Set(tables[1]?.rows.map((r) => r[4]));
          expect(tables[2]?.rows.every((r) => keys.has(r[1] ?? ''))).toBe(true);
          expect(tables[1]?.rows).toHaveLength(datas.reduce((n, d) => n + d.membre.length, 0));
        },
      ),
    );
  });

  it('writes a text that a spreadsheet would run as a formula as text, and numbers as they are', () => {
    for (const text of ['=HYPERLINK("http://x")', '+HYPERLINK("x")', '-moins', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    for (const data of ['-3', '+1.5', '-0.25e3', '12', 'Gao', '', '#adm1', "'déjà", '+223 76 00 00 00'])
      expect(neutralizeFormula(data)).toBe(data);
    const table = { name: 't', header: ['a', 'b'], hxl: ['', ''], rows: [['=1+2', '-3']] };
    expect(toCsv(table, false)).toBe("a,b\r\n'=1+2,-3\r\n");
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = neutralizeFormula(text);
        expect(out === text || out === `'${text}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(out) && Number.isNaN(Number(out))).toBe(false);
      }),
    );
  });

  it('quotes fields only when RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
  });
});
