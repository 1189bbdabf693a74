import { describe, expect, it } from 'vitest';
import { run, text } from './run';

describe('logic functions', () => {
  it('if evaluates only the chosen branch', () => {
    let asked = 0;
    const resolve = (name: string): unknown => {
      asked++;
      return name === 'age' ? 20 : 'x';
    };
    expect(run("if(${age} >= 18, 'adult', ${other})", {}, { resolve })).toBe('adult');
    expect(asked).toBe(1);
    expect(run("if('', 1, 2)")).toBe(2);
    expect(run('if(${x}, 1, 2)')).toBe(2);
  });

  it('coalesce gives the first non-empty value', () => {
    expect(run("coalesce(${a}, 'none')")).toBe('none');
    expect(run("coalesce(${a}, 'none')", { a: 0 })).toBe(0);
    expect(run('coalesce(${a}, ${b})', { b: 7 })).toBe(7);
  });

  it('not, boolean, true(), false()', () => {
    expect([run('not(${x})'), run("not('a')"), run('not(0)'), run('boolean(0.1)')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect([run('true()'), run('false()'), run('not(true() and false())')]).toEqual([true, false, true]);
  });

  it('once keeps the current value, else computes its argument', () => {
    expect(text('once(concat(${a}, 1))', { a: 'x' })).toBe('x1');
    expect(text('once(concat(${a}, 1))', { a: 'x' }, { current: () => 'kept' })).toBe('kept');
    expect(text('once(uuid())', {}, { current: () => '' })).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uuid gives a v4 UUID, or a random alphanumeric string of the given length', () => {
    const a = text('uuid()');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(text('uuid()')).not.toBe(a);
    expect(text('uuid(12)')).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(text('uuid(0)')).toBe('');
    expect(text("uuid('x')")).toBe('');
  });
});
