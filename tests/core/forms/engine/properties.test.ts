import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormItem } from '../../../../src/core/forms/definition';
import { choices, engine, form, formWith, group, q, repeat } from './dsl';

const OPS = ['>', '<', '=', '!='] as const;
type Op = (typeof OPS)[number];

/** Question i is relevant if `${q<on>} <op> <k>` (on < i) holds, or always when it has no condition. */
interface Condition {
  on: number;
  op: Op;
  k: number;
}

const compare = (v: number, op: Op, k: number): boolean =>
  op === '>' ? v > k : op === '<' ? v < k : op === '=' ? v === k : v !== k;

/** The direct model: a non-relevant or unanswered value reads as empty, i.e. NaN for a comparison. */
function modelRelevance(conditions: (Condition | null)[], answers: (number | null)[]): boolean[] {
  const relevant: boolean[] = [];
  conditions.forEach((c) => {
    if (!c) return relevant.push(true);
    const answer = answers[c.on];
    const value = relevant[c.on] && answer !== null && answer !== undefined ? answer : NaN;
    return relevant.push(compare(value, c.op, c.k));
  });
  return relevant;
}

const flatForm = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    conditions: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        i === 0
          ? fc.constant(null)
          : fc.option(
              fc.record({
                on: fc.nat({ max: i - 1 }),
                op: fc.constantFrom(...OPS),
                k: fc.integer({ min: -3, max: 3 }),
              }),
            ),
      ),
    ),
    answers: fc.array(fc.option(fc.integer({ min: -5, max: 5 })), { minLength: n, maxLength: n }),
  }),
);

function build(conditions: (Condition | null)[]) {
  const items = conditions.map((c, i) =>
    q.integer(`q${i}`, c ? { relevant: `\${q${c.on}} ${c.op} ${c.k}` } : {}),
  );
  return engine(form(...items));
}

function toAnswers(values: (number | null)[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  values.forEach((v, i) => {
    if (v !== null) answers[`q${i}`] = v;
  });
  return answers;
}

describe('engine properties', () => {
  it('evaluate().relevant agrees with a direct model of relevance chains', () => {
    fc.assert(
      fc.property(flatForm, ({ conditions, answers }) => {
        const state = build(conditions).evaluate(toAnswers(answers), 'en');
        const expected = modelRelevance(conditions, answers);
        expect(conditions.map((_, i) => state.relevant([`q${i}`]))).toEqual(expected);
      }),
    );
  });

  it('finalize never keeps answers of non-relevant questions', () => {
    fc.assert(
      fc.property(flatForm, ({ conditions, answers }) => {
        const e = build(conditions);
        const result = e.finalize(toAnswers(answers), 'en');
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const relevant = modelRelevance(conditions, answers);
        for (const key of Object.keys(result.answers)) expect(relevant[Number(key.slice(1))]).toBe(true);
        relevant.forEach((r, i) => {
          if (r && answers[i] !== null) expect(result.answers[`q${i}`]).toBe(answers[i]);
        });
      }),
    );
  });

  const mixed: FormItem[] = [
    q.integer('n', { constraint: '. > 0' }),
    q.text('t', { relevant: '${n} > 1', required: '${n} > 3' }),
    q.selectMultiple('m', 'abc', { choiceFilter: 'name != ${t}' }),
    q.selectOne('s', 'abc', { relevant: "selected(${m}, 'a')" }),
    q.date('d', { constraint: '. < today()' }),
    q.calculate('sum', 'sum(${x}) + count(${r})'),
    group('g', { relevant: 'count-selected(${m}) > 1' }, q.decimal('dec', { calculation: '${n} div 3' })),
    repeat(
      'r',
      { repeatCount: '${n}' },
      q.integer('x', { relevant: '${n} > position(..)' }),
      q.text('y', { label: { en: '${x} ${t}' } }),
    ),
  ];
  const e = engine(formWith({ abc: choices('a', 'b', 'c') }, ...mixed));
  const paths = [
    ['n'],
    ['t'],
    ['m'],
    ['s'],
    ['d'],
    ['sum'],
    ['g'],
    ['dec'],
    ['r'],
    ['r', 0],
    ['r', 0, 'x'],
    ['r', 1, 'y'],
  ];

  it('evaluate and finalize never throw, whatever the values under the right keys', () => {
    const keys = ['n', 't', 'm', 's', 'd', 'sum', 'dec', 'r'];
    const value = fc.oneof(
      fc.anything(),
      fc.array(fc.dictionary(fc.constantFrom('x', 'y'), fc.anything()), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), (answers) => {
        const state = e.evaluate(answers, 'en');
        for (const path of paths) {
          state.relevant(path);
          state.required(path);
          state.readOnly(path);
          state.choices(path);
          state.repeatCount(path);
          state.label(path, 'fr');
        }
        expect(Array.isArray(state.issues)).toBe(true);
        e.finalize(answers, 'fr');
      }),
    );
  });
});
