import { describe, expect, it } from 'vitest';
import {
  acknowledgeAnswer,
  toggleChoice,
  toNumberAnswer,
  withoutUnoffered,
} from '../../../src/app/components/questions/answerConversion';
import { fromDateTimeAnswer, toDateTimeAnswer } from '../../../src/app/components/questions/dateTimeAnswers';
import { downscaledSize, maxPixelsOf } from '../../../src/app/components/questions/media/downscale';
import { nameToPath, pathToId, pathToName } from '../../../src/app/components/questions/paths';
import { parsePoint } from '../../../src/app/components/questions/pointAnswers';
import {
  compareByFormOrder,
  countErrors,
  formOrder,
  pickScreen,
} from '../../../src/app/components/questions/screens';
import { householdDefinition } from '../fixtures';

describe('paths and field names', () => {
  it('maps engine paths to react-hook-form names and back', () => {
    expect(pathToName(['member', 0, 'age'])).toBe('member.0.age');
    expect(nameToPath('member.0.illness.12.name')).toEqual(['member', 0, 'illness', 12, 'name']);
    expect(nameToPath('age')).toEqual(['age']);
    expect(pathToId(['member', 1, 'age'])).toBe('q-member-1-age');
  });
});

describe('answer conversion', () => {
  it('reads numbers with a decimal comma and keeps what is not a number', () => {
    expect(toNumberAnswer('2,5')).toBe(2.5);
    expect(toNumberAnswer(' 12 ')).toBe(12);
    expect(toNumberAnswer('-3')).toBe(-3);
    expect(toNumberAnswer('')).toBeUndefined();
    expect(toNumberAnswer('12abc')).toBe('12abc');
    expect(toNumberAnswer('1e3')).toBe('1e3');
  });

  it('turns date-time inputs into ISO 8601 with the device offset, and back', () => {
    // Tests run in Africa/Bamako (UTC+0).
    expect(toDateTimeAnswer('2026-11-23T14:05')).toBe('2026-11-23T14:05:00.000+00:00');
    expect(toDateTimeAnswer('')).toBeUndefined();
    expect(fromDateTimeAnswer('2026-11-23T15:05:00.000+01:00')).toBe('2026-11-23T14:05');
    expect(fromDateTimeAnswer(undefined)).toBe('');
  });

  it('keeps multiple choices in the offered order and clears what is no longer offered', () => {
    expect(toggleChoice(['a', 'b', 'c'], ['c'], 'a', true)).toEqual(['a', 'c']);
    expect(toggleChoice(['a', 'b', 'c'], ['a', 'c'], 'a', false)).toEqual(['c']);
    expect(withoutUnoffered('gao', ['gao', 'kidal'])).toBeNull();
    expect(withoutUnoffered('gao', ['sikasso'])).toBeUndefined();
    expect(withoutUnoffered(['a', 'b'], ['b'])).toEqual(['b']);
    expect(withoutUnoffered(['b'], ['b'])).toBeNull();
    expect(withoutUnoffered(undefined, [])).toBeNull();
    expect(acknowledgeAnswer(true)).toBe('OK');
    expect(acknowledgeAnswer(false)).toBeUndefined();
  });

  it('parses typed points, refusing out-of-range coordinates', () => {
    expect(parsePoint('16,27', '-0.04')).toEqual({ latitude: 16.27, longitude: -0.04 });
    expect(parsePoint('95', '0')).toBeNull();
    expect(parsePoint('', '0')).toBeNull();
  });
});

describe('photo downscaling', () => {
  it('brings the long side down to max-pixels, keeping proportions, never enlarging', () => {
    expect(downscaledSize(4000, 3000, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(downscaledSize(3000, 4000, 1024)).toEqual({ width: 768, height: 1024 });
    expect(downscaledSize(800, 600, 2048)).toEqual({ width: 800, height: 600 });
    expect(downscaledSize(10000, 1, 100)).toEqual({ width: 100, height: 1 });
  });

  it('reads max-pixels from the parameters, 2048 by default', () => {
    expect(maxPixelsOf({ 'max-pixels': '1024' })).toBe(1024);
    expect(maxPixelsOf({ 'max-pixels': 'big' })).toBe(2048);
    expect(maxPixelsOf(undefined)).toBe(2048);
  });
});

describe('screens and errors', () => {
  it('picks the wanted screen, else the next relevant one, else the previous one', () => {
    const names = ['a', 'b', 'c', 'd'];
    expect(pickScreen(names, () => true, 'c')).toBe('c');
    expect(pickScreen(names, (n) => n !== 'c', 'c')).toBe('d');
    expect(pickScreen(names, (n) => n === 'a', 'c')).toBe('a');
    expect(pickScreen(names, () => true, undefined)).toBe('a');
    expect(pickScreen(names, () => false, 'b')).toBeUndefined();
  });

  it('sorts answer paths in reading order', () => {
    const compare = compareByFormOrder(formOrder(householdDefinition));
    const paths = [['notes'], ['members'], ['village']];
    expect(paths.sort(compare)).toEqual([['members'], ['village'], ['notes']]);
    expect(compare(['members', 2, 'x'], ['members', 10, 'x'])).toBeLessThan(0);
  });

  it('counts nested error messages', () => {
    const errors = {
      age: { message: 'x', type: 'engine' },
      member: [undefined, { name: { message: 'y' } }],
      location: { latitude: { message: 'z' } },
      root: { message: 'ignored' },
    };
    expect(countErrors(errors)).toBe(3);
  });
});
