import { FormDefinition } from '../../../src/core/forms/definition';

/** A small bilingual form that touches every foundation question type. */
export const form = FormDefinition.parse({
  id: 'household',
  version: '1',
  title: { fr: 'Enquête ménage', en: 'Household survey' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  choiceLists: {
    sex: [
      { name: 'female', label: { fr: 'Femme', en: 'Female' } },
      { name: 'male', label: { fr: 'Homme', en: 'Male' } },
    ],
    water: [
      { name: 'well', label: { fr: 'Puits', en: 'Well' } },
      { name: 'river', label: { fr: 'Fleuve', en: 'River' } },
    ],
  },
  items: [
    { kind: 'question', type: 'note', name: 'intro', label: { fr: 'Bonjour', en: 'Hello' } },
    { kind: 'question', type: 'text', name: 'name', label: { fr: 'Nom', en: 'Name' }, required: true },
    {
      kind: 'question',
      type: 'integer',
      name: 'size',
      label: { fr: 'Taille', en: 'Size' },
      required: true,
      min: 1,
      max: 60,
      requiredMessage: { fr: 'Combien de personnes ?', en: 'How many people?' },
    },
    { kind: 'question', type: 'decimal', name: 'income', label: { fr: 'Revenu', en: 'Income' } },
    { kind: 'question', type: 'select_one', name: 'sex', label: { fr: 'Sexe', en: 'Sex' }, listName: 'sex' },
    {
      kind: 'question',
      type: 'select_multiple',
      name: 'water',
      label: { fr: 'Eau', en: 'Water' },
      listName: 'water',
    },
    { kind: 'question', type: 'date', name: 'visit', label: { fr: 'Date', en: 'Date' } },
    { kind: 'question', type: 'geopoint', name: 'gps', label: { fr: 'Position', en: 'Location' } },
  ],
});
