import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersSchema, compactAnswers } from '../../../src/core/forms/answersSchema';
import { FormDefinition } from '../../../src/core/forms/definition';
import { form } from './demoForm';

const valid = {
  name: 'Aminata Maïga',
  size: 7,
  income: 12500.5,
  sex: 'female',
  water: ['well', 'river'],
  visit: '2026-11-23',
  gps: { latitude: 16.2666, longitude: -0.0447, accuracy: 8 },
};

function messages(answers: unknown, lang: string) {
  const result = answersSchema(form, lang).safeParse(answers);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('answersSchema', () => {
  it('accepts canonical answers of every type', () => {
    expect(answersSchema(form, 'fr').parse(valid)).toMatchObject(valid);
  });

  it('treats empty inputs as no answer for optional questions', () => {
    const parsed = answersSchema(form, 'en').parse({
      name: 'A',
      size: 2,
      income: '',
      sex: null,
      water: undefined,
    });
    expect(compactAnswers(parsed)).toEqual({ name: 'A', size: 2 });
  });

  it('gives the form’s own required message, in the chosen language', () => {
    expect(messages({ name: 'A' }, 'fr')).toEqual({ size: 'Combien de personnes ?' });
    expect(messages({ name: 'A', size: '' }, 'en')).toEqual({ size: 'How many people?' });
    expect(messages({ size: 3 }, 'fr')).toEqual({ name: 'Cette question est obligatoire.' });
    expect(messages({ size: 3 }, 'en')).toEqual({ name: 'This question is required.' });
  });

  it('checks types, bounds, choices, dates and coordinates with localized messages', () => {
    expect(messages({ ...valid, size: 2.5 }, 'en')).toEqual({ size: 'Enter a whole number.' });
    expect(messages({ ...valid, size: 61 }, 'fr')).toEqual({
      size: 'La valeur doit être inférieure ou égale à 60.',
    });
    expect(messages({ ...valid, size: '7' }, 'en')).toEqual({ size: 'Enter a number.' });
    expect(messages({ ...valid, sex: 'other' }, 'en')).toEqual({ sex: 'Not a valid choice.' });
    expect(messages({ ...valid, water: ['well', 'well'] }, 'en')).toEqual({ water: 'Not a valid choice.' });
    expect(messages({ ...valid, visit: '2026-02-30' }, 'fr')).toEqual({
      visit: 'Saisissez une date valide (AAAA-MM-JJ).',
    });
    expect(messages({ ...valid, gps: { latitude: 91, longitude: 0 } }, 'en')).toEqual({
      'gps.latitude': 'Latitude must be between -90 and 90.',
    });
  });

  it('refuses answers to questions the form does not have', () => {
    expect(answersSchema(form, 'en').safeParse({ ...valid, injected: 'x' }).success).toBe(false);
  });

  it('accepts every integer within bounds and refuses every one outside', () => {
    const schema = answersSchema(form, 'en');
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (size) => {
        const ok = schema.safeParse({ name: 'x', size }).success;
        expect(ok).toBe(size >= 1 && size <= 60);
      }),
    );
  });

  it('validates any generated answer set the same way twice (pure) and never throws', () => {
    const schema = answersSchema(form, 'fr');
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('name', 'size', 'sex', 'water', 'visit', 'gps'), fc.anything()),
        (a) => {
          expect(schema.safeParse(a).success).toBe(schema.safeParse(a).success);
        },
      ),
    );
  });
});

describe('FormDefinition', () => {
  it('refuses duplicate names and unknown choice lists', () => {
    const broken = {
      ...form,
      items: [
        { kind: 'question', type: 'text', name: 'a', label: { en: 'A' } },
        { kind: 'question', type: 'text', name: 'a', label: { en: 'A again' } },
        { kind: 'question', type: 'select_one', name: 'b', label: { en: 'B' }, listName: 'missing' },
      ],
    };
    const result = FormDefinition.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Duplicate field a',
      'Unknown choice list missing',
    ]);
  });
});
