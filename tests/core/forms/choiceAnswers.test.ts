import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../../src/core/forms/answersSchema';
import { FormDefinition } from '../../../src/core/forms/definition';

/** rank answers and choices from an attached file: the two choice questions not checked one choice at a time. */
const form = FormDefinition.parse({
  id: 'ranks',
  version: '1',
  title: { en: 'Ranks' },
  defaultLanguage: 'en',
  languages: ['en'],
  choiceLists: {
    crops: ['millet', 'rice', 'maize'].map((name) => ({ name, label: { en: name } })),
  },
  items: [
    { kind: 'question', type: 'rank', name: 'order', listName: 'crops' },
    {
      kind: 'question',
      type: 'select_one',
      name: 'village',
      listName: 'villages',
      itemsetFile: 'villages.csv',
    },
    { kind: 'question', type: 'select_multiple', name: 'wells', listName: 'wells', itemsetFile: 'wells.csv' },
  ],
});

const issues = (answers: unknown, lang = 'en') => {
  const result = answersSchema(form, lang).safeParse(answers);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('rank answers', () => {
  it('accept any ordering of every choice', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(['millet', 'rice', 'maize'], { minLength: 3, maxLength: 3 }),
        (order) => {
          expect(issues({ order })).toEqual([]);
        },
      ),
    );
  });

  it('refuse a partial ordering, a repeated choice, an unknown one or a string', () => {
    for (const order of [
      ['millet', 'rice'],
      ['millet', 'rice', 'rice'],
      ['millet', 'rice', 'sorghum'],
      'millet rice maize',
    ])
      expect(issues({ order })).toEqual(['order: Rank every choice, each once.']);
    expect(issues({ order: ['rice'] }, 'fr')).toEqual(['order: Classez tous les choix, chacun une fois.']);
  });
});

describe('choices from an attached file', () => {
  it('accept any choice name until the file is known', () => {
    expect(issues({ village: 'any-village', wells: ['w1', 'w2'] })).toEqual([]);
    expect(issues({ village: 12, wells: 'w1' })).toEqual([
      'village: Not a valid choice.',
      'wells: Not a valid choice.',
    ]);
  });

  it('need no list in choiceLists, unlike a select from the choices sheet', () => {
    const without = {
      ...form,
      items: [{ kind: 'question', type: 'select_one', name: 'v', listName: 'villages' }],
    };
    expect(FormDefinition.safeParse(without).error?.issues.map((i) => i.message)).toEqual([
      'Unknown choice list villages',
    ]);
  });
});
