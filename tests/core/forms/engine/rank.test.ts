import { describe, expect, it } from 'vitest';
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
