import { describe, expect, it } from 'vitest';
import { nodeSet } from '../../../../src/core/forms/expr';
import { run, text } from './run';

const answers = { name: 'Aminata Maïga', code: 'ML-0042', empty: undefined, water: ['well', 'tap'] };

describe('string functions', () => {
  it('concat writes every argument as a string, node-sets in full', () => {
    expect(text("concat(${name}, ' (', 3, ') ', true(), ${empty})", answers)).toBe('Aminata Maïga (3) true');
    expect(text('concat(${names})', { names: nodeSet(['a', 'b']) })).toBe('ab');
    expect(text('concat(${water})', answers)).toBe('well tap');
  });

  it('string and string-length, with and without argument', () => {
    expect(run('string(1.50)')).toBe('1.5');
    expect(run('string-length(${name})', answers)).toBe(13);
    expect(run('string-length(${empty})', answers)).toBe(0);
    expect(run('string-length()', {}, { current: () => 'abcd' })).toBe(4);
    expect(run('string()', {}, { current: () => 12 })).toBe('12');
  });

  it('normalize-space trims and collapses XPath whitespace', () => {
    expect(run("normalize-space('  a \t b\n\nc  ')")).toBe('a b c');
    expect(run('normalize-space(${empty})', answers)).toBe('');
    expect(run('normalize-space()', {}, { current: () => ' x  y ' })).toBe('x y');
  });

  it('substr is 0-based with an exclusive end, clamped', () => {
    expect(run('substr(${code}, 3)', answers)).toBe('0042');
    expect(run('substr(${code}, 0, 2)', answers)).toBe('ML');
    expect(run('substr(${code}, 5, 100)', answers)).toBe('42');
    expect(run('substr(${code}, -3, 2)', answers)).toBe('ML');
    expect(run('substr(${code}, 4, 2)', answers)).toBe('');
    expect(run("substr(${code}, 'x')", answers)).toBe('');
    expect(run('substr(${empty}, 1)', answers)).toBe('');
  });

  it('contains, starts-with, ends-with', () => {
    expect(run("contains(${name}, 'Maï')", answers)).toBe(true);
    expect(run("contains(${name}, '')", answers)).toBe(true);
    expect(run("contains(${empty}, 'a')", answers)).toBe(false);
    expect(run("starts-with(${code}, 'ML-')", answers)).toBe(true);
    expect(run("ends-with(${code}, '42')", answers)).toBe(true);
    expect(run('ends-with(420, 20)')).toBe(true);
  });

  it('regex searches (forms anchor themselves) and never throws', () => {
    expect(run("regex(${code}, '^[A-Z]{2}-[0-9]{4}$')", answers)).toBe(true);
    expect(run("regex(${code}, '[0-9]{3}')", answers)).toBe(true);
    expect(run("regex(${code}, '^[0-9]+$')", answers)).toBe(false);
    expect(run("regex(${empty}, '^$')", answers)).toBe(true);
    expect(run("regex(${code}, '([unclosed')", answers)).toBe(false);
    expect(run('regex(., ${p})', { p: '^\\d+$' }, { current: () => '123' })).toBe(true);
    expect(run('regex(., ${p})', { p: '(' }, { current: () => '123' })).toBe(false);
  });
});
