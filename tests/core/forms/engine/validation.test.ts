import { describe, expect, it } from 'vitest';
import { engine, form, group, q, repeat } from './dsl';

const survey = engine(
  form(
    q.integer('age', { constraint: '. >= 0 and . <= 120' }),
    q.text('code', {
      constraint: "regex(., '^[A-Z]{2}$')",
      constraintMessage: { fr: 'Deux majuscules.', en: 'Two capitals.' },
    }),
    q.text('consent', { required: true }),
    q.text('guardian', {
      required: '${age} < 18',
      requiredMessage: { fr: 'Nom du tuteur ?', en: 'Guardian name?' },
    }),
    group(
      'adult',
      { relevant: '${age} >= 18' },
      q.text('job', { required: true, constraint: 'string-length(.) > 2' }),
    ),
    repeat('child', q.integer('child_age', { constraint: '. < ${age}' })),
  ),
);

describe('constraints', () => {
  it('fail with the default message in the language asked for, or the constraint message', () => {
    const s = survey.evaluate({ age: 130, code: 'abc' }, 'fr');
    expect(s.issues).toEqual([
      { path: ['age'], message: "Cette réponse n'est pas valide." },
      { path: ['code'], message: 'Deux majuscules.' },
    ]);
    expect(survey.evaluate({ age: 130, code: 'abc' }, 'en').issues.map((i) => i.message)).toEqual([
      'This answer is not valid.',
      'Two capitals.',
    ]);
  });

  it('never fail for unanswered or non-relevant questions', () => {
    expect(survey.evaluate({}, 'en').issues).toEqual([]);
    expect(survey.evaluate({ age: 10, job: 'x' }, 'en').issues).toEqual([]);
    expect(survey.evaluate({ age: 20, job: 'x' }, 'en').issues).toEqual([
      { path: ['job'], message: 'This answer is not valid.' },
    ]);
  });

  it('are checked in each repeat instance, reading outer fields', () => {
    const s = survey.evaluate({ age: 30, child: [{ child_age: 3 }, { child_age: 31 }] }, 'en');
    expect(s.issues).toEqual([{ path: ['child', 1, 'child_age'], message: 'This answer is not valid.' }]);
  });
});

describe('required', () => {
  it('is reported by the state for plain and expression flags', () => {
    const s = survey.evaluate({ age: 12 }, 'en');
    expect([s.required(['consent']), s.required(['guardian']), s.required(['age'])]).toEqual([
      true,
      true,
      false,
    ]);
    expect(survey.evaluate({ age: 40 }, 'en').required(['guardian'])).toBe(false);
  });

  it('is checked at finalize for relevant questions only, with localized messages', () => {
    const result = survey.finalize({ age: 12, job: 'farmer' }, 'fr');
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: ['consent'], message: 'Cette question est obligatoire.' },
        { path: ['guardian'], message: 'Nom du tuteur ?' },
      ],
    });
    const adult = survey.finalize({ age: 40, consent: 'yes' }, 'en');
    expect(adult).toEqual({ ok: false, issues: [{ path: ['job'], message: 'This question is required.' }] });
  });
});

describe('finalize', () => {
  it('stores relevant answers only, with calculations and without empty values', () => {
    const e = engine(
      form(
        q.integer('n'),
        q.text('why', { relevant: '${n} > 2' }),
        q.calculate('twice', '${n} * 2'),
        q.note('hello'),
        q.text('blank'),
      ),
    );
    expect(e.finalize({ n: 1, why: 'stale', blank: '', extra: 'unknown key' }, 'en')).toEqual({
      ok: true,
      answers: { n: 1, twice: 2 },
    });
  });

  it('reports type errors from the answers schema, and no constraint on top of them', () => {
    const result = survey.finalize({ age: 'old', consent: 'yes', guardian: 'G' }, 'en');
    expect(result).toEqual({ ok: false, issues: [{ path: ['age'], message: 'Enter a number.' }] });
  });

  it('reports constraint failures', () => {
    const result = survey.finalize({ age: 12, consent: 'yes', guardian: 'G', code: 'x' }, 'fr');
    expect(result).toEqual({ ok: false, issues: [{ path: ['code'], message: 'Deux majuscules.' }] });
  });
});
