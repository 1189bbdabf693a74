import { describe, expect, it } from 'vitest';
import { engine, form, q } from './dsl';

const survey = engine(form(q.integer('size', { min: 1, max: 60 }), q.decimal('income', { min: 0 })));

describe('numeric bounds', () => {
  it('show while typing, in the chosen language, like constraints', () => {
    expect(survey.evaluate({ size: 70 }, 'fr').issues).toEqual([
      { path: ['size'], message: 'La valeur doit être inférieure ou égale à 60.' },
    ]);
    expect(survey.evaluate({ size: 0, income: -5 }, 'en').issues).toEqual([
      { path: ['size'], message: 'The value must be at least 1.' },
      { path: ['income'], message: 'The value must be at least 0.' },
    ]);
    expect(survey.evaluate({ size: 7 }, 'en').issues).toEqual([]);
  });

  it('are reported once at finalize', () => {
    const result = survey.finalize({ size: 61 }, 'en');
    expect(result).toEqual({
      ok: false,
      issues: [{ path: ['size'], message: 'The value must be at most 60.' }],
    });
  });
});
