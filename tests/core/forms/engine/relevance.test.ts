import { describe, expect, it } from 'vitest';
import { engine, form, group, q } from './dsl';

describe('relevance', () => {
  const chain = engine(
    form(
      q.integer('a'),
      q.integer('b', { relevant: '${a} > 1' }),
      q.integer('c', { relevant: '${b} > 1' }),
      group(
        'g',
        { relevant: '${c} = 3' },
        q.text('inside'),
        group('h', q.text('deep', { relevant: '${a} != 9' })),
      ),
    ),
  );

  it('follows a chain: a non-relevant answer reads as empty further down', () => {
    const s = chain.evaluate({ a: 2, b: 2, c: 3 }, 'en');
    expect([s.relevant(['b']), s.relevant(['c']), s.relevant(['g']), s.relevant(['inside'])]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // a turns b off; b's answer (still in the draft) now reads as empty, so c is off too, and g with it.
    const off = chain.evaluate({ a: 1, b: 2, c: 3 }, 'en');
    expect([off.relevant(['b']), off.relevant(['c']), off.relevant(['g']), off.relevant(['inside'])]).toEqual(
      [false, false, false, false],
    );
    expect(off.answers).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('applies enclosing groups to their questions, nested groups included', () => {
    const s = chain.evaluate({ a: 9, b: 2, c: 3 }, 'en');
    expect(s.relevant(['h'])).toBe(true);
    expect(s.relevant(['deep'])).toBe(false);
    expect(chain.evaluate({ a: 2, b: 2, c: 4 }, 'en').relevant(['deep'])).toBe(false);
    // A path through the group's name works too.
    expect(s.relevant(['g', 'h', 'inside'])).toBe(true);
  });

  it('answers false for unknown paths', () => {
    const s = chain.evaluate({}, 'en');
    expect(s.relevant(['nope'])).toBe(false);
    expect(s.relevant([0])).toBe(false);
  });

  it('finalize drops non-relevant questions and groups but keeps relevant answers', () => {
    const result = chain.finalize({ a: 2, b: 1, c: 3, inside: 'x', deep: 'y' }, 'en');
    expect(result).toEqual({ ok: true, answers: { a: 2, b: 1 } });
  });
});
