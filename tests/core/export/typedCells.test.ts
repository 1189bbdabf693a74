import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellTypeOf, excelSerial, typedValue } from '../../../src/core/export/cellTypes';
import { neutralizeFormula } from '../../../src/core/export/csv';
import { submissionsGeoJson } from '../../../src/core/export/geojson';
import { submissionTables } from '../../../src/core/export/submissionTables';
import { householdForm, sampleSubmission } from './householdForm';

describe('typed columns of the exports', () => {
  it('types each column by its question: numbers, dates, the submission date; the rest is text', () => {
    const [main, members] = submissionTables(householdForm, [sampleSubmission], { lang: 'fr', codes: true });
    const typeOf = (t: typeof main, h: string) => t?.types?.[t.header.indexOf(h)];
    expect(main?.types).toHaveLength(main?.header.length ?? -1);
    expect(typeOf(main, 'SubmissionDate')).toBe('dateTime');
    expect(typeOf(main, 'jour')).toBe('date');
    expect(typeOf(main, 'gps-Latitude')).toBe('number');
    expect(typeOf(main, 'lieu-village')).toBe('text');
    expect(typeOf(main, 'KEY')).toBe('text');
    expect(typeOf(members, 'id-age')).toBe('number');
    expect(cellTypeOf('acknowledge')).toBe('boolean');
    expect(cellTypeOf('time')).toBe('text');
  });

  it('writes GeoJSON properties typed: numbers as numbers, empty typed cells as null', () => {
    const { features } = submissionsGeoJson(householdForm, [sampleSubmission], { lang: 'fr', codes: true });
    expect(features[0]?.properties).toMatchObject({
      'gps-Latitude': 16.27,
      'gps-Altitude': 250,
      jour: '2026-11-30',
      'lieu-village': 'Bara, "centre"',
    });
    expect(typedValue('', 'number')).toBeNull();
    expect(typedValue('', 'text')).toBe('');
    expect(typedValue('OK', 'boolean')).toBe(true);
    // An answer its column's type cannot read (an older version's) stays as it was, not lost.
    expect(typedValue('douze', 'number')).toBe('douze');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(typedValue(String(n), 'number')).toBe(Object.is(n, -0) ? 0 : n);
      }),
    );
  });

  it('reads dates and date-times as spreadsheet serial numbers, at the time as written', () => {
    expect(excelSerial('1900-03-01', 'date')).toBe(61);
    expect(excelSerial('2026-11-30', 'date')).toBe(46356);
    expect(excelSerial('2026-11-30T12:00:00.000+01:00', 'dateTime')).toBe(46356.5);
    expect(excelSerial('2026-11-30T18:00:00Z', 'dateTime')).toBe(46356.75);
    for (const bad of ['2026-02-30', '30/11/2026', '', '0099-01-01'])
      expect(excelSerial(bad, 'date'), bad).toBeNull();
    expect(excelSerial('2026-11-30T25:00:00Z', 'dateTime')).toBeNull();
    const day = fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') });
    fc.assert(
      fc.property(day, (d) => {
        if (Number.isNaN(d.getTime())) return;
        const serial = excelSerial(d.toISOString(), 'dateTime') ?? Number.NaN;
        expect(Math.abs((serial - 25569) * 86_400_000 - d.getTime())).toBeLessThan(1);
        const date = d.toISOString().slice(0, 10);
        expect(excelSerial(date, 'date')).toBe(Math.floor(serial));
      }),
    );
  });
});

describe('the CSV formula guard', () => {
  /** Phone numbers as agents type them: an optional +, then groups of digits with spaces, dots or dashes. */
  const phone = fc
    .tuple(
      fc.constantFrom('+', '-', ''),
      fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(' ', '.', '-', ''),
    )
    .map(([sign, groups, sep]) => sign + groups.join(sep));

  it('leaves phone numbers and signed numbers as they are', () => {
    for (const data of ['+223 76 12 34 56', '-5', '+33 (0)1 23 45 67 89', '-12.5', '+1e3', '00223 76'])
      expect(neutralizeFormula(data), data).toBe(data);
    fc.assert(
      fc.property(phone, (p) => {
        expect(neutralizeFormula(p)).toBe(p);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(neutralizeFormula(String(n))).toBe(String(n));
      }),
    );
  });

  it('guards every value that could run: =, @, tab, CR first, or a sign followed by anything else', () => {
    for (const text of [
      '=1+2',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '+HYPERLINK("http://x")',
      "-2+3+cmd|' /C calc'!A0",
      '+A1',
      '-',
      '+',
      '-1+SUM(A1)',
    ])
      expect(neutralizeFormula(text), text).toBe(`'${text}`);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = neutralizeFormula(text);
        expect(out === text || out === `'${text}`).toBe(true);
        // What is left unguarded never starts a formula, or is a sign and only digits and punctuation.
        if (out === text) {
          expect(/^[=@\t\r]/.test(text)).toBe(false);
          if (/^[-+]/.test(text)) expect(text).toMatch(/^[-+][\d .()eE+-]*$/);
        }
      }),
    );
  });
});
