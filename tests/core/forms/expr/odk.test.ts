import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExpression, loadExtraFunctions } from '../../../../src/core/forms/expr';
import { area, distance } from '../../../../src/core/forms/expr/functions/geo';
import { shuffle } from '../../../../src/core/forms/expr/functions/odk';
import { text } from './run';

/** Expected values are JavaRosa's (its tests: RandomizeTypesTest, DigestTest, GeoUtilsTest) or the spec's. */
const LETTERS = 'ABCDEFGH'.split('').map((l) => ({ name: l.toLowerCase(), label: l }));
const withLetters = { instance: () => LETTERS };

// These functions' code loads on demand, as the app loads it for a form that calls one.
beforeAll(loadExtraFunctions);

describe('randomize() as JavaRosa shuffles', () => {
  it.each([
    ['1234', 'GFEDAHBC'],
    ["'1234'", 'GFEDAHBC'],
    ["'foo'", 'EADBHGCF'],
  ])('with seed %s', (seed, order) => {
    expect(text(`join('', randomize(instance('c')/root/item/label, ${seed}))`, {}, withLetters)).toBe(order);
  });

  it('is a permutation, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (items, seed) => {
        const once = shuffle(items, seed);
        expect([...once].sort()).toEqual([...items].sort());
        expect(shuffle(items, seed)).toEqual(once);
      }),
    );
  });

  it('without a seed is still a permutation', () => {
    const out = text("join('', randomize(instance('c')/root/item/name))", {}, withLetters);
    expect([...out].sort().join('')).toBe('abcdefgh');
  });
});

describe('digest()', () => {
  it.each([
    ['MD5', 'hex', '552e21cd4cd9918678e3c1a0df491bc3'],
    ['SHA-1', 'hex', '37aa63c77398d954473262e1a0057c1e632eda77'],
    ['SHA-256', 'hex', 'b94f6f125c79e3a5ffaa826f584c10d52ada669e6762051b826b55776d05aed2'],
    ['MD5', 'base64', 'VS4hzUzZkYZ448Gg30kbww=='],
    ['SHA-1', 'base64', 'N6pjx3OY2VRHMmLhoAV8HmMu2nc='],
    ['SHA-256', 'base64', 'uU9vElx546X/qoJvWEwQ1SraZp5nYgUbgmtVd20FrtI='],
  ])('%s in %s', (algorithm, encoding, expected) => {
    expect(text(`digest('some text', '${algorithm}', '${encoding}')`)).toBe(expected);
  });

  it('hashes the empty string, defaults to base64, and gives empty for an unknown algorithm', () => {
    expect(text("digest('', 'MD5', 'hex')")).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(text("digest('some text', 'MD5')")).toBe('VS4hzUzZkYZ448Gg30kbww==');
    expect(text("digest('x', 'SHA-3')")).toBe('');
  });
});

describe('geography', () => {
  const path1 =
    '38.253094215699576 21.756382658677467 0 0; 38.25021274773806 21.756382658677467 0 0; 38.25007793942195 21.763892843919166 0 0; 38.25290886154963 21.763935759263404 0 0; 38.25146813817506 21.758421137528785 0 0';

  it('area() and distance() of a shape agree with JavaRosa', () => {
    expect(Number(text(`area('${path1}')`))).toBeCloseTo(151_452, -0.5);
    expect(Number(text(`distance('${path1}')`))).toBeCloseTo(1_801, -0.5);
  });

  it('reads a repeat of geopoints as a node-set, and one degree at the equator', () => {
    const points = ['0 0', '0 1'].map((p) => ({ latitude: Number(p[0]), longitude: Number(p.slice(2)) }));
    expect(Number(text('distance(${p})', { p: points }))).toBeCloseTo((2 * Math.PI * 6_378_100) / 360, 3);
    expect(text("area('not a shape')")).toBe('NaN');
  });

  it('distance is symmetric, distances and areas are never negative', () => {
    const point = fc.tuple(
      fc.double({ min: -80, max: 80, noNaN: true }),
      fc.double({ min: -179, max: 179, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 8 }), (points) => {
        const reversed = [...points].reverse();
        // Summed in the other order: equal up to rounding.
        expect(Math.abs(distance(reversed) - distance(points))).toBeLessThan(1e-6 * (1 + distance(points)));
        expect(distance(points)).toBeGreaterThanOrEqual(0);
        expect(area(points)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('other ODK functions', () => {
  it.each([
    ["base64-decode('VGVzdCBzdHJpbmc=')", 'Test string'],
    ["base64-decode('6ZmI')", '陈'],
    ["base64-decode('%%%')", ''],
    ["boolean-from-string('1')", 'true'],
    ["boolean-from-string('yes')", 'false'],
    ["substring-before('1999/04/01', '/')", '1999'],
    ["substring-after('1999/04/01', '/')", '04/01'],
    ["translate('bar', 'abc', 'ABC')", 'BAr'],
    ["translate('--aaa--', 'abc-', 'ABC')", 'AAA'],
    ['checklist(1, 2, true(), false(), true())', 'true'],
    ['checklist(-1, 1, true(), true())', 'false'],
    ['weighted-checklist(3, -1, true(), 2, true(), 1, false(), 5)', 'true'],
    ["decimal-time('06:00:00.000-07:00')", '0.25'],
    ['sqrt(16) + pow(2, 3) + exp10(2)', '112'],
    ['round(pi(), 2)', '3.14'],
    ['version()', '2026.1'],
    ["pulldata('fruits', 'price', 'name', 'mango')", '2.5'],
    ["pulldata('fruits', 'price', 'name', 'kiwi')", ''],
  ])('%s is %s', (source, expected) => {
    const fruits = [
      { name: 'apple', label: '', price: '1' },
      { name: 'mango', label: '', price: '2.5' },
    ];
    const extra = { version: () => '2026.1', instance: (id: string) => (id === 'fruits' ? fruits : []) };
    expect(text(source, {}, extra)).toBe(expected);
  });

  it('lists what pulldata reads, for the importer', () => {
    expect(compileExpression("pulldata('fruits', 'price', 'name', ${f})").instances).toEqual([
      { list: 'fruits', columns: ['price', 'name'] },
    ]);
  });

  it('refuses only functions ODK does not know', () => {
    expect(() => compileExpression('lower-case(${x})')).toThrow(/Unknown function lower-case\(\)/);
  });
});

describe('paths and last-saved', () => {
  it('hand paths and ${last-saved#x} to the context', () => {
    const path = (steps: readonly string[], absolute: boolean) => `${absolute ? '/' : ''}${steps.join('/')}`;
    expect(text('concat(null, "|", ../a, "|", current()/../b, "|", /data/c)', {}, { path })).toBe(
      'null|../a|./../b|/c',
    );
    expect(text('${last-saved#village}', {}, { lastSaved: (n) => `saved ${n}` })).toBe('saved village');
    expect(compileExpression('../a + current()/b').paths).toEqual([
      { absolute: false, steps: ['..', 'a'] },
      { absolute: false, steps: ['.', 'b'] },
    ]);
    expect(compileExpression('${last-saved#a}').lastSaved).toEqual(['a']);
  });
});
