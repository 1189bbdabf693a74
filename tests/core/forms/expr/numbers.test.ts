import { describe, expect, it } from 'vitest';
import { run } from './run';

describe('number functions', () => {
  it('number converts, NaN when it cannot', () => {
    expect(run("number(' 42 ')")).toBe(42);
    expect(run('number(true())')).toBe(1);
    expect(run('number(${x})')).toBeNaN();
    expect(run("number('4,5')")).toBeNaN();
  });

  it('int truncates toward zero', () => {
    expect([run('int(3.9)'), run('int(-3.9)'), run("int('7.2')")]).toEqual([3, -3, 7]);
    expect(run('int(${x})')).toBeNaN();
    expect(run('int(1 div 0)')).toBe(Infinity);
  });

  it('round is half away from zero, with optional digits', () => {
    expect([run('round(2.5)'), run('round(-2.5)'), run('round(2.4)'), run('round(-0.4)')]).toEqual([
      3, -3, 2, -0,
    ]);
    expect([run('round(1.005, 2)'), run('round(3.14159, 3)'), run('round(1234.5, -2)')]).toEqual([
      1.01, 3.142, 1200,
    ]);
    expect(run('round(${x})')).toBeNaN();
    expect(run("round(2.5, 'a')")).toBeNaN();
    expect(run('round(1 div 0, 2)')).toBe(Infinity);
    expect(run('round(0.00000015, 7)')).toBe(2e-7);
  });

  it('floor, ceiling, abs, pow', () => {
    expect([run('floor(-1.5)'), run('ceiling(-1.5)'), run('ceiling(1.1)'), run('abs(-4)')]).toEqual([
      -2, -1, 2, 4,
    ]);
    expect([run('pow(2, 10)'), run('pow(4, 0.5)'), run('pow(${x}, 2)')]).toEqual([1024, 2, NaN]);
    expect(run('floor(${x})')).toBeNaN();
  });
});
