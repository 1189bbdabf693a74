import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../../src/core/forms/definition';
import { engine, form, q } from './dsl';

const point = (name: string): Question => ({ kind: 'question', type: 'geopoint', name });
const survey = engine(
  form(q.integer('size'), q.decimal('income'), q.date('born'), point('home'), q.text('note')),
);

/** Numbers, dates and coordinates are checked as they are typed (evaluate), not only at finalize. */
describe('answers of the wrong type show while typing', () => {
  it('a letter in a number, a half in a whole number, a day that does not exist, a latitude of 100', () => {
    expect(
      survey.evaluate(
        { size: '12a', income: 'x', born: '2026-02-31', home: { latitude: 100, longitude: 0 } },
        'fr',
      ).issues,
    ).toEqual([
      { path: ['size'], message: 'Saisissez un nombre.' },
      { path: ['income'], message: 'Saisissez un nombre.' },
      { path: ['born'], message: 'Saisissez une date valide (AAAA-MM-JJ).' },
      { path: ['home'], message: 'La latitude doit être comprise entre -90 et 90.' },
    ]);
    expect(survey.evaluate({ size: 2.5 }, 'en').issues).toEqual([
      { path: ['size'], message: 'Enter a whole number.' },
    ]);
  });

  it('valid values and empty answers raise nothing; finalize reports each problem once', () => {
    expect(
      survey.evaluate(
        { size: 3, income: 1.5, born: '2026-01-05', home: { latitude: 16.27, longitude: -0.04 } },
        'fr',
      ).issues,
    ).toEqual([]);
    expect(survey.evaluate({ size: '', note: 'abc' }, 'fr').issues).toEqual([]);
    expect(survey.finalize({ size: '12a' }, 'en')).toEqual({
      ok: false,
      issues: [{ path: ['size'], message: 'Enter a number.' }],
    });
  });

  it('any whole number passes, any non-numeric text is flagged', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.string().filter((s) => s.trim() !== '' && Number.isNaN(Number(s))),
        (n, s) => {
          expect(survey.evaluate({ size: n }, 'en').issues).toEqual([]);
          expect(survey.evaluate({ size: s }, 'en').issues.map((i) => i.path)).toEqual([['size']]);
        },
      ),
    );
  });
});
