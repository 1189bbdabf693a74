import { describe, expect, it } from 'vitest';
import { FormEngineError } from '../../../../src/core/forms/engine';
import { choices, engine, form, formWith, q, repeat } from './dsl';

describe('calculations', () => {
  it('run in dependency order, whatever the order of the form', () => {
    const e = engine(
      form(
        q.calculate('c', '${b} * 10'),
        q.calculate('b', '${a} + 1'),
        q.integer('a'),
        q.calculate('label', "concat('n=', ${c})"),
      ),
    );
    expect(e.evaluate({ a: 2 }, 'en').answers).toEqual({ a: 2, b: 3, c: 30, label: 'n=30' });
  });

  it('keep numbers as numbers, write other results as strings, and give no value when not relevant', () => {
    const e = engine(
      form(
        q.integer('a'),
        q.calculate('flag', '${a} > 1'),
        q.calculate('half', '${a} div 2', { relevant: '${a} != 0' }),
        q.calculate('nan', '${a} div 0 * 0'),
      ),
    );
    expect(e.evaluate({ a: 3 }, 'en').answers).toEqual({ a: 3, flag: 'true', half: 1.5 });
    expect(e.evaluate({ a: 0, half: 9 }, 'en').answers).toEqual({ a: 0, flag: 'false' });
  });

  it('recompute a calculation on an ordinary question, in its type', () => {
    const e = engine(
      form(
        q.decimal('x'),
        q.integer('rounded', { calculation: '${x} * 2' }),
        q.text('t', { calculation: '${x}' }),
      ),
    );
    const s = e.evaluate({ x: 1.75, rounded: 99 }, 'en');
    expect(s.answers).toEqual({ x: 1.75, rounded: 3, t: '1.75' });
    expect(s.readOnly(['rounded'])).toBe(true);
    expect(s.readOnly(['x'])).toBe(false);
  });

  it('keep a once() value and compute today() with the fixed clock', () => {
    const e = engine(
      form(
        q.text('name'),
        q.calculate('first', 'once(${name})'),
        q.calculate('day', 'today()'),
        q.date('due', { calculation: 'today() + 7' }),
      ),
    );
    const first = e.evaluate({ name: 'Awa' }, 'en').answers;
    expect(first).toEqual({ name: 'Awa', first: 'Awa', day: '2026-11-23', due: '2026-11-30' });
    expect(e.evaluate({ ...first, name: 'Binta' }, 'en').answers.first).toBe('Awa');
  });

  it('reports a cycle among calculations with the items and rows', () => {
    const make = () =>
      engine(form(q.calculate('a', '${b} + 1', { row: 2 }), q.calculate('b', '${a} + 1', { row: 3 })));
    expect(make).toThrow(FormEngineError);
    try {
      make();
    } catch (error) {
      const problems = (error as FormEngineError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ item: 'a', row: 2, column: 'cycle' });
      expect((error as Error).message).toContain('a (calculation) → b (calculation) → a (calculation)');
    }
  });

  it('reports a calculation reading itself, and relevance cycles, as cycles', () => {
    expect(() => engine(form(q.calculate('a', '${a} + 1')))).toThrow(/Circular reference/);
    expect(() =>
      engine(form(q.integer('x', { relevant: '${y} > 0' }), q.integer('y', { relevant: '${x} > 0' }))),
    ).toThrow(/x \(relevant\) → y \(relevant\) → x \(relevant\)/);
  });

  it('reports every expression that does not compile, with item name, row and column', () => {
    const make = () =>
      engine(
        form(
          q.integer('a', { relevant: '${b} >', row: 4 }),
          q.integer('b', { constraint: 'nope(.)', row: 5 }),
          q.calculate('c', '${ghost} + 1', { row: 6 }),
          q.text('d', { label: { en: 'Hi ${1bad}' }, row: 7 }),
        ),
      );
    try {
      make();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormEngineError);
      const problems = (error as FormEngineError).problems;
      expect(problems.map((p) => [p.item, p.row, p.column])).toEqual([
        ['a', 4, 'relevant'],
        ['b', 5, 'constraint'],
        ['c', 6, 'calculation'],
        ['d', 7, 'label'],
      ]);
      expect((error as Error).message).toContain('- b (row 5), constraint: Unknown function nope()');
    }
  });
});

describe('initial answers', () => {
  it('set literal and expression defaults and meta fields', () => {
    const e = engine(
      formWith(
        { w: choices('a', 'b') },
        q.integer('n', { default: '3' }),
        q.selectMultiple('w', 'w', { default: 'a b' }),
        q.date('d', { default: 'today()' }),
        q.text('t', { default: "concat('n', ${n})" }),
        q.hidden('start', { appearance: 'meta:start' }),
        q.hidden('today', { appearance: 'meta:today' }),
        q.hidden('device', { appearance: 'meta:deviceid' }),
        q.hidden('user', { appearance: 'meta:username' }),
        repeat('r', q.text('x', { default: 'y' })),
      ),
      { deviceId: 'tab-7', username: 'awa' },
    );
    expect(e.initialAnswers()).toEqual({
      n: 3,
      w: ['a', 'b'],
      d: '2026-11-23',
      t: 'n3',
      start: '2026-11-23T10:30:15.250+00:00',
      today: '2026-11-23',
      device: 'tab-7',
      user: 'awa',
    });
  });
});
