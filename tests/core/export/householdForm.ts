import { FormDefinition } from '../../../src/core/forms/definition';
import type { Submission } from '../../../src/core/records/submission';

/** A household survey with a group, a repeat of members and, inside it, a nested repeat of vaccinations. */
export const householdForm = FormDefinition.parse({
  id: 'menage',
  version: '1',
  title: { fr: 'Ménage', en: 'Household' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'group',
      name: 'lieu',
      items: [
        {
          kind: 'question',
          type: 'select_one',
          name: 'region',
          listName: 'regions',
          label: { fr: 'Région' },
        },
        { kind: 'question', type: 'text', name: 'village' },
      ],
    },
    { kind: 'question', type: 'note', name: 'intro', label: { fr: 'Bonjour' } },
    { kind: 'question', type: 'geopoint', name: 'gps' },
    { kind: 'question', type: 'geoshape', name: 'champ' },
    { kind: 'question', type: 'select_multiple', name: 'besoins', listName: 'besoins' },
    { kind: 'question', type: 'date', name: 'jour' },
    {
      kind: 'repeat',
      name: 'membre',
      items: [
        { kind: 'question', type: 'text', name: 'nom' },
        { kind: 'group', name: 'id', items: [{ kind: 'question', type: 'integer', name: 'age' }] },
        { kind: 'repeat', name: 'vaccin', items: [{ kind: 'question', type: 'text', name: 'nom_vaccin' }] },
      ],
    },
  ],
  choiceLists: {
    regions: [{ name: 'ML07', label: { fr: 'Gao', en: 'Gao region' } }],
    besoins: [
      { name: 'eau', label: { fr: 'Eau potable', en: 'Drinking water' } },
      { name: 'abri', label: { fr: 'Abri', en: 'Shelter' } },
    ],
  },
});

export function householdSubmission(
  id: string,
  data: Record<string, unknown>,
  createdBy = 'agent-1',
): Submission {
  return {
    id,
    formId: 'menage',
    formVersion: '1',
    projectId: 'p-1',
    data,
    startedAt: '2026-11-30T08:00:00.000Z',
    finalizedAt: '2026-11-30T09:00:00.000Z',
    replaces: null,
    createdBy,
  };
}

export const sampleSubmission = householdSubmission('s1', {
  region: 'ML07',
  village: 'Bara, "centre"',
  gps: { latitude: 16.27, longitude: -0.04, altitude: 250, accuracy: 5 },
  champ: [
    { latitude: 16, longitude: -0.1 },
    { latitude: 16.1, longitude: -0.1 },
    { latitude: 16.1, longitude: 0 },
  ],
  besoins: ['eau', 'abri'],
  jour: '2026-11-30',
  membre: [
    { nom: 'Aïssata', age: 34, vaccin: [{ nom_vaccin: 'VAR' }, { nom_vaccin: 'BCG' }] },
    { nom: 'Moussa', age: 4 },
  ],
});
