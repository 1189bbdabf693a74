import { describe, expect, it } from 'vitest';
import { answersSchema, compactAnswers } from '../../../src/core/forms/answersSchema';
import {
  FormDefinition,
  allQuestions,
  levelQuestions,
  levelRepeats,
} from '../../../src/core/forms/definition';

const q = (type: string, name: string, extra: Record<string, unknown> = {}) => ({
  kind: 'question',
  type,
  name,
  label: { en: name },
  ...extra,
});

/** A household roster: a group at the top, a repeat of members with a nested repeat of their illnesses. */
const form = FormDefinition.parse({
  id: 'roster',
  version: '1',
  title: { en: 'Roster' },
  defaultLanguage: 'en',
  languages: ['en'],
  settings: { instanceName: "concat('HH ', ${head})" },
  choiceLists: {
    yn: [
      { name: 'yes', label: { en: 'Yes' } },
      { name: 'no', label: { en: 'No' } },
    ],
  },
  items: [
    {
      kind: 'group',
      name: 'household',
      label: { en: 'Household' },
      items: [q('text', 'head', { required: true }), q('time', 'arrival'), q('geoshape', 'plot')],
    },
    {
      kind: 'repeat',
      name: 'member',
      label: { en: 'Member' },
      items: [
        q('integer', 'age', { required: true, constraint: '. < 120' }),
        q('select_one', 'sick', { listName: 'yn', relevant: '${age} > 0' }),
        {
          kind: 'repeat',
          name: 'illness',
          items: [
            q('text', 'what'),
            q('range', 'days', { parameters: { start: '0', end: '30', step: '1' } }),
          ],
        },
      ],
    },
    q('calculate', 'total', { calculation: 'count(${age})' }),
    q('image', 'photo'),
    q('acknowledge', 'consent', { required: '${head} != ""' }),
  ],
});

const sha = 'a'.repeat(64);
const valid = {
  head: 'Fatoumata',
  arrival: '09:30',
  plot: [
    { latitude: 16.27, longitude: -0.04 },
    { latitude: 16.28, longitude: -0.04 },
    { latitude: 16.28, longitude: -0.05 },
  ],
  member: [{ age: 34, sick: 'yes', illness: [{ what: 'malaria', days: 5 }] }, { age: 2 }],
  total: 2,
  photo: { sha256: sha, name: 'house.jpg', type: 'image/jpeg', size: 48_213 },
  consent: 'OK',
};

function issues(answers: unknown) {
  const result = answersSchema(form, 'en').safeParse(answers);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('a form with groups and repeats', () => {
  it('keeps group answers at their parent level and repeats as arrays', () => {
    expect(levelQuestions(form.items).map((x) => x.name)).toEqual([
      'head',
      'arrival',
      'plot',
      'total',
      'photo',
      'consent',
    ]);
    expect(levelRepeats(form.items).map((r) => r.name)).toEqual(['member']);
    expect(allQuestions(form)).toHaveLength(10);
    expect(answersSchema(form, 'en').parse(valid)).toEqual(valid);
  });

  it('validates inside repeat instances with paths to the instance', () => {
    expect(issues({ ...valid, member: [{ age: 34 }, { sick: 'maybe' }] })).toEqual({
      'member.1.age': 'This question is required.',
      'member.1.sick': 'Not a valid choice.',
    });
    expect(issues({ ...valid, member: [{ age: 3, illness: [{ days: 31 }] }] })).toEqual({
      'member.0.illness.0.days': 'The value must be at most 30.',
    });
  });

  it('checks the new types', () => {
    expect(issues({ ...valid, arrival: '25:00' })).toEqual({ arrival: 'Enter a valid time (HH:MM).' });
    expect(issues({ ...valid, plot: valid.plot.slice(0, 2) })).toEqual({
      plot: 'An area needs at least 3 points.',
    });
    expect(Object.keys(issues({ ...valid, photo: { ...valid.photo, sha256: 'nope' } }))).toEqual([
      'photo.sha256',
    ]);
    expect(issues({ ...valid, consent: 'yes' })).toEqual({ consent: 'Tick to confirm.' });
  });

  it('leaves required-if expressions to the engine', () => {
    const { consent: _, ...withoutConsent } = valid;
    expect(issues(withoutConsent)).toEqual({});
  });

  it('refuses a name used twice where answers sit together, and allows it in another repeat', () => {
    // `head` answers at the root, inside group household: a root question cannot take its name.
    const twice = { ...form, items: [...form.items, q('text', 'head')] };
    expect(FormDefinition.safeParse(twice).error?.issues.map((i) => i.message)).toEqual([
      'Duplicate field head',
    ]);
    // `what` answers in each illness instance: the root may have its own (issue 13, as pyxform).
    expect(FormDefinition.safeParse({ ...form, items: [...form.items, q('text', 'what')] }).success).toBe(
      true,
    );
    // A group holds no answer: it may share its question's name.
    const group = { kind: 'group', name: 'permission', items: [q('acknowledge', 'permission')] };
    expect(FormDefinition.safeParse({ ...form, items: [...form.items, group] }).success).toBe(true);
  });

  it('compacts empty answers inside repeat instances', () => {
    expect(
      compactAnswers({
        head: 'A',
        member: [
          { age: 3, sick: '' },
          { age: 4, illness: [] },
        ],
        photo: null,
      }),
    ).toEqual({
      head: 'A',
      member: [{ age: 3 }, { age: 4 }],
    });
  });
});
