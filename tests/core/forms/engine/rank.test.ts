import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../../../src/core/forms/answersSchema';
import { choices, engine, formWith, q } from './dsl';

const e = engine(
  formWith(
    { crops: choices('millet', 'rice', 'maize') },
    { kind: 'question', type: 'rank', name: 'order', listName: 'crops' },
    q.calculate('first', 'selected-at(${order}, 0)'),
    q.calculate('ranked', 'count-selected(${order})'),
    q.text('why', { relevant: "selected-at(${order}, 0) = 'rice'" }),
  ),
);

describe('rank questions', () => {
  it('read in expressions as the space-separated ordering, like a select_multiple', () => {
    const state = e.evaluate({ order: ['rice', 'maize', 'millet'] }, 'en');
    expect(state.answers).toMatchObject({ first: 'rice', ranked: 3 });
    expect(state.relevant(['why'])).toBe(true);
    expect(e.evaluate({ order: ['maize', 'rice', 'millet'] }, 'en').relevant(['why'])).toBe(false);
  });

  it('offer every choice of the list, and finalize only a complete ordering', () => {
    expect(
      e
        .evaluate({}, 'en')
        .choices(['order'])
        .map((c) => c.name),
    ).toEqual(['millet', 'rice', 'maize']);
    expect(e.finalize({ order: ['rice', 'maize', 'millet'] }, 'en')).toMatchObject({ ok: true });
    expect(e.finalize({ order: ['rice'] }, 'en')).toMatchObject({ ok: false });
  });
});

describe('rank questions with a choice filter', () => {
  const crops = choices(
    ['millet', { season: 'dry' }],
    ['rice', { season: 'wet' }],
    ['maize', { season: 'wet' }],
    ['sorghum', { season: 'dry' }],
  );
  const filtered = formWith({ crops }, q.text('season'), {
    kind: 'question',
    type: 'rank',
    name: 'order',
    listName: 'crops',
    choiceFilter: 'season=${season}',
  });
  const fe = engine(filtered);

  it('finalize an ordering of the offered choices, not of the whole list', () => {
    expect(
      fe
        .evaluate({ season: 'wet' }, 'en')
        .choices(['order'])
        .map((c) => c.name),
    ).toEqual(['rice', 'maize']);
    expect(fe.finalize({ season: 'wet', order: ['maize', 'rice'] }, 'en')).toMatchObject({
      ok: true,
      answers: { order: ['maize', 'rice'] },
    });
  });

  it('refuse a partial ordering, or one left from other offered choices', () => {
    const issues = (answers: Record<string, unknown>) => {
      const result = fe.finalize(answers, 'en');
      return result.ok ? [] : result.issues;
    };
    const rankIssue = [{ path: ['order'], message: 'Rank every choice, each once.' }];
    expect(issues({ season: 'wet', order: ['maize'] })).toEqual(rankIssue);
    // The season changed after ranking: the wet crops must be ordered again.
    expect(issues({ season: 'dry', order: ['maize', 'rice'] })).toEqual(rankIssue);
    expect(issues({ season: 'dry', order: ['rice', 'maize', 'millet', 'sorghum'] })).toEqual(rankIssue);
  });

  it('finalize exactly the permutations of the offered choices', () => {
    const names = crops.map((c) => c.name);
    fc.assert(
      fc.property(
        fc.constantFrom('dry', 'wet'),
        fc.uniqueArray(fc.constantFrom(...names), { minLength: 1 }),
        (season, order) => {
          const offered = crops.filter((c) => c.extra?.season === season).map((c) => c.name);
          const isPermutation = order.length === offered.length && offered.every((n) => order.includes(n));
          expect(fe.finalize({ season, order }, 'en').ok).toBe(isPermutation);
        },
      ),
    );
  });

  it('are checked by the server schema as distinct choices of the list (it cannot evaluate the filter)', () => {
    const schema = answersSchema(filtered, 'en');
    expect(schema.safeParse({ order: ['rice', 'maize'] }).success).toBe(true);
    expect(schema.safeParse({ order: ['rice', 'rice'] }).success).toBe(false);
    expect(schema.safeParse({ order: ['wheat'] }).success).toBe(false);
  });
});
