import { describe, expect, it } from 'vitest';
import { nodeSet, toBoolean, toNumber, toString, XDate } from '../../../../src/core/forms/expr';
import { run, text } from './run';

describe('conversions (XPath 1.0)', () => {
  it('boolean(): non-empty strings, numbers other than 0 and NaN, non-empty node-sets', () => {
    expect([
      toBoolean(''),
      toBoolean('0'),
      toBoolean('false'),
      toBoolean(0),
      toBoolean(NaN),
      toBoolean(-1),
    ]).toEqual([false, true, true, false, false, true]);
    expect([toBoolean(nodeSet([])), toBoolean(nodeSet([''])), toBoolean(new XDate(0, 0, true))]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('number(): trimmed XPath decimals, else NaN', () => {
    expect([toNumber(' 12 '), toNumber('-3.5'), toNumber('.5'), toNumber('5.'), toNumber(true)]).toEqual([
      12, -3.5, 0.5, 5, 1,
    ]);
    for (const bad of ['', ' ', '1e3', '+1', '0x10', 'Infinity', '1,5', '-', '.', '1 2']) {
      expect(toNumber(bad), bad).toBeNaN();
    }
  });

  it('number() of dates and date strings counts days since 1970-01-01', () => {
    expect(toNumber('1970-01-02')).toBe(1);
    expect(toNumber('2026-11-23')).toBe(20780);
    expect(toNumber('2026-11-23T12:00:00.000+00:00')).toBe(20780.5);
    expect(toNumber('2026-02-30')).toBeNaN();
  });

  it('string(): integers without .0, NaN, infinities, no exponent', () => {
    expect([
      toString(3),
      toString(-0),
      toString(2.5),
      toString(NaN),
      toString(1 / 0),
      toString(-1 / 0),
    ]).toEqual(['3', '0', '2.5', 'NaN', 'Infinity', '-Infinity']);
    expect([toString(1e21), toString(1.5e-7), toString(-2.5e-8), toString(false)]).toEqual([
      '1000000000000000000000',
      '0.00000015',
      '-0.000000025',
      'false',
    ]);
  });
});

describe('answers in their canonical types', () => {
  const answers = {
    name: 'Awa',
    size: 4,
    ok: true,
    water: ['well', 'river'],
    none: [],
    place: { latitude: 14.5, longitude: -4.25, altitude: 270, accuracy: 5 },
    rough: { latitude: 14.5, longitude: -4.25 },
    when: new Date('2026-11-23T08:00:00Z'),
  };

  it('unanswered behaves as the empty string', () => {
    expect(run("${x} = ''")).toBe(true);
    expect(run("${x} != ''")).toBe(false);
    expect(run('string-length(${x})')).toBe(0);
    expect(run('number(${x})')).toBeNaN();
    expect(run('${x} + 1')).toBeNaN();
    expect(run('${x} = 0')).toBe(false);
    expect(run('boolean(${x})')).toBe(false);
    expect(run("${x} = ''", { x: null })).toBe(true);
  });

  it('select_multiple arrays are space-separated strings', () => {
    expect(run("${water} = 'well river'", answers)).toBe(true);
    expect(run("${none} = ''", answers)).toBe(true);
    expect(text('concat(${water}, "!")', answers)).toBe('well river!');
  });

  it('geopoints are written as latitude longitude altitude accuracy', () => {
    expect(text('${place}', answers)).toBe('14.5 -4.25 270 5');
    expect(text('${rough}', answers)).toBe('14.5 -4.25 0 0');
  });

  it('numbers, booleans and Date objects keep their meaning', () => {
    expect(run('${size} * 2', answers)).toBe(8);
    expect(run('${ok} and true()', answers)).toBe(true);
    expect(text('${when}', answers)).toBe('2026-11-23T08:00:00.000+00:00');
  });
});

describe('comparisons', () => {
  it.each([
    ["'10' = 10", true],
    ["'10.0' = 10", true],
    ["'10' = '10.0'", false],
    ["'abc' = 0", false],
    ["'abc' != 0", true],
    ["'10' < '9'", false],
    ["'abc' < 1", false],
    ["'abc' >= 1", false],
    ["true() = 'x'", true],
    ["false() = ''", true],
    ['true() = 2', true],
    ['1 = 1.0', true],
    ["'' = 0", false],
    ["'2026-11-23' < '2026-11-24'", true],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('with a node-set are existential', () => {
    const ages = nodeSet([12, 45, 70]);
    expect(run('${ages} > 60', { ages })).toBe(true);
    expect(run('${ages} > 80', { ages })).toBe(false);
    expect(run('${ages} = 45', { ages })).toBe(true);
    expect(run('${ages} != 45', { ages })).toBe(true);
    expect(run('${ages} = true()', { ages })).toBe(true);
    expect(run('${none} = true()', { none: nodeSet([]) })).toBe(false);
    expect(run("${names} = 'Ali'", { names: nodeSet(['Awa', 'Ali']) })).toBe(true);
  });
});

describe('arithmetic', () => {
  it.each([
    ['1 div 0', Infinity],
    ['-1 div 0', -Infinity],
    ['5 mod 3', 2],
    ['-5 mod 3', -2],
    ['5 mod -3', 2],
    ['5.5 mod 2', 1.5],
    ["'3' + '4'", 7],
    ['true() + true()', 2],
    ['0.1 + 0.2', 0.30000000000000004],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('gives NaN, not an error, for 0 div 0, x mod 0 and text', () => {
    expect(run('0 div 0')).toBeNaN();
    expect(run('5 mod 0')).toBeNaN();
    expect(run("'abc' * 2")).toBeNaN();
    expect(text('0 div 0')).toBe('NaN');
  });
});
