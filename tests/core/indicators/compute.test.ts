import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExtraFunctions } from '../../../src/core/forms/expr';
import { computeIndicator, resolveAnswer } from '../../../src/core/indicators/compute';
import { bimonthlyPeriods, annualPeriod } from '../../../src/core/indicators/periods';
import { choices, engine, formWith, group, q, repeat } from '../forms/engine/dsl';
import { indicator, submission } from './fixtures';

const MARCH_APRIL = { start: '2026-03-01', end: '2026-04-30' };
const YEAR = annualPeriod(2026);

/** Random submissions of 2026: a day, a quantity (sometimes missing), a village, the head's sex. */
const submissions = fc
  .array(
    fc.record({
      day: fc.integer({ min: 0, max: 364 }),
      quantity: fc.option(fc.integer({ min: -50, max: 500 }), { nil: undefined }),
      village: fc.constantFrom('Gao', 'Ansongo', 'Bourem'),
      sex: fc.constantFrom('f', 'm'),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r) => {
      const date = new Date(Date.UTC(2026, 0, 1 + r.day)).toISOString();
      return submission(
        {
          village: r.village,
          head_sex: r.sex,
          ...(r.quantity === undefined ? {} : { quantity: r.quantity }),
        },
        date,
      );
    }),
  );

const aggregate = fc.constantFrom('count' as const, 'sum' as const);

describe('computeIndicator properties', () => {
  it('over the six bimonthly periods adds up to the year (count and sum)', () => {
    fc.assert(
      fc.property(submissions, aggregate, (subs, agg) => {
        const ind = indicator({ aggregate: agg, field: 'quantity' });
        const parts = bimonthlyPeriods(2026).map((p) => computeIndicator(ind, p, {}, subs));
        const whole = computeIndicator(ind, YEAR, {}, subs);
        expect(parts.reduce((n, p) => n + (p?.value ?? 0), 0)).toBe(whole?.value);
        expect(parts.reduce((n, p) => n + (p?.submissions ?? 0), 0)).toBe(whole?.submissions);
      }),
    );
  });

  it('counts each submission in exactly one bimonthly period', () => {
    fc.assert(
      fc.property(submissions, (subs) => {
        for (const s of subs) {
          const hits = bimonthlyPeriods(2026).filter(
            (p) => computeIndicator(indicator({}), p, {}, [s])?.value === 1,
          );
          expect(hits).toHaveLength(1);
        }
      }),
    );
  });

  it('counts no more with a filter than without, and categories add up to the total', () => {
    fc.assert(
      fc.property(
        submissions,
        fc.constantFrom("${village} = 'Gao'", '${quantity} > 100', 'true()'),
        (subs, filter) => {
          const all = computeIndicator(indicator({}), YEAR, {}, subs)?.value ?? 0;
          const filtered = computeIndicator(indicator({ filter }), YEAR, {}, subs)?.value ?? 0;
          expect(filtered).toBeLessThanOrEqual(all);
          const bySex = ['f', 'm'].map(
            (sex) => computeIndicator(indicator({}), YEAR, { sex }, subs)?.value ?? 0,
          );
          expect(bySex[0]! + bySex[1]!).toBe(all);
        },
      ),
    );
  });

  it('averages between the smallest and the largest value, null over nothing', () => {
    fc.assert(
      fc.property(submissions, (subs) => {
        const result = computeIndicator(
          indicator({ aggregate: 'average', field: 'quantity' }),
          YEAR,
          {},
          subs,
        );
        const quantities = subs.map((s) => s.data.quantity).filter((v): v is number => typeof v === 'number');
        expect(result?.submissions).toBe(quantities.length);
        if (quantities.length === 0) expect(result?.value).toBeNull();
        else {
          expect(result?.value).toBeGreaterThanOrEqual(Math.min(...quantities) - 1e-9);
          expect(result?.value).toBeLessThanOrEqual(Math.max(...quantities) + 1e-9);
        }
      }),
    );
  });
});

describe('computeIndicator examples', () => {
  it('is null without a computation, an error for a broken filter or a category without field', () => {
    expect(computeIndicator(indicator(null), YEAR, {}, [])).toBeNull();
    expect(computeIndicator(indicator({ filter: '${a} = (' }), YEAR, {}, [])).toEqual({
      value: null,
      submissions: 0,
      error: 'filter',
    });
    expect(computeIndicator(indicator({}), YEAR, { age: 'adult' }, [])?.error).toBe('disaggregation');
    expect(computeIndicator(indicator({}), YEAR, { unknown: 'x' }, [])?.error).toBe('disaggregation');
  });

  it('filters with the rarer ODK functions too (area(), distance()…), their code loaded', async () => {
    await loadExtraFunctions();
    const subs = [
      submission({ route: '0 0 0 0; 0 1 0 0' }), // about 111 km
      submission({ route: '0 0 0 0; 0 0.1 0 0' }),
    ];
    const far = indicator({ filter: 'distance(${route}) > 100000' });
    expect(computeIndicator(far, MARCH_APRIL, {}, subs)).toEqual({ value: 1, submissions: 1 });
  });

  it('counts only current versions of the indicator’s project and form', () => {
    const first = submission({ quantity: 5 });
    const correction = submission({ quantity: 7 }, undefined, { replaces: first.id });
    const otherProject = submission({ quantity: 100 }, undefined, { projectId: 'p2' });
    const otherForm = submission({ quantity: 100 }, undefined, { formId: 'other' });
    const result = computeIndicator(indicator({ aggregate: 'sum', field: 'quantity' }), MARCH_APRIL, {}, [
      correction,
      first,
      otherProject,
      otherForm,
    ]);
    expect(result).toEqual({ value: 7, submissions: 1 });
  });

  it('dates by dateField when given, skipping submissions without a date there', () => {
    const subs = [
      submission({ distributed: '2026-05-02' }, '2026-03-10T09:00:00Z'),
      submission({ distributed: '2026-04-30T22:00:00Z' }, '2026-06-01T09:00:00Z'),
      submission({}, '2026-03-11T09:00:00Z'),
    ];
    expect(computeIndicator(indicator({ dateField: 'distributed' }), MARCH_APRIL, {}, subs)?.value).toBe(1);
    expect(computeIndicator(indicator({}), MARCH_APRIL, {}, subs)?.value).toBe(2);
  });

  it('skips non-numeric answers in a sum and sums a field inside a repeat per submission', () => {
    const subs = [
      submission({ quantity: 4 }),
      submission({ quantity: 'n/a' }),
      submission({ quantity: '2.5' }),
      submission({ member: [{ quantity: 1 }, { quantity: 2 }] }),
    ];
    expect(
      computeIndicator(indicator({ aggregate: 'sum', field: 'quantity' }), MARCH_APRIL, {}, subs),
    ).toEqual({
      value: 9.5,
      submissions: 3,
    });
  });

  it('reads disaggregation categories from select_multiple answers too', () => {
    const subs = [
      submission({ head_sex: ['f'] }),
      submission({ head_sex: 'm' }),
      submission({ head_sex: 'f' }),
    ];
    expect(computeIndicator(indicator({}), MARCH_APRIL, { sex: 'f' }, subs)?.value).toBe(2);
  });
});

describe('filters read answers as the form engine does', () => {
  // A small distribution form: the household in a group, its members in a repeat.
  const lists = { needs: choices('food', 'water', 'shelter') };
  const distribution = formWith(
    lists,
    group('household', q.text('village'), q.integer('size'), q.selectMultiple('needs', 'needs')),
    repeat('member', q.integer('age')),
    q.integer('quantity'),
  );
  const filters = [
    "${village} = 'Gao'",
    '${size} >= 5 and ${quantity} > 10',
    "selected(${needs}, 'food')",
    'count(${member}) > 2',
    '${age} > 60',
    'sum(${age}) > 100',
    "${village} != 'Gao' or not(selected(${needs}, 'water'))",
  ];
  const answers = fc.record({
    village: fc.constantFrom('Gao', 'Bourem'),
    size: fc.integer({ min: 1, max: 12 }),
    needs: fc.subarray(['food', 'water', 'shelter']),
    member: fc.array(fc.record({ age: fc.integer({ min: 0, max: 90 }) }), { maxLength: 5 }),
    quantity: fc.integer({ min: 0, max: 30 }),
  });

  it('gives the same verdict as a calculate of the same expression in the engine', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(...filters), (draft, filter) => {
        const withCheck = formWith(lists, ...distribution.items, q.calculate('check', filter));
        const finalized = engine(withCheck).finalize(draft, 'en');
        if (!finalized.ok) throw new Error('draft does not finalize');
        const { check, ...data } = finalized.answers;
        const counted = computeIndicator(indicator({ filter }), MARCH_APRIL, {}, [submission(data)])?.value;
        expect(counted).toBe(check === 'true' ? 1 : 0);
      }),
    );
  });

  it('resolves a repeat’s name as one value per instance and a missing field as unanswered', () => {
    const data = { member: [{ age: 3 }, { age: 70, child: [{ x: 1 }] }] };
    expect(resolveAnswer(data, 'missing')).toBeUndefined();
    expect(resolveAnswer(data, 'x')).toEqual(expect.objectContaining({ items: [1] }));
    expect(resolveAnswer(data, 'member')).toEqual(expect.objectContaining({ items: ['', ''] }));
  });
});
