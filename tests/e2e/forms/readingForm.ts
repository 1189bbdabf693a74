import { FormDefinition } from '../../../src/core/forms/definition';

/** A visit with a group, a repeat and a photo: what a reviewer must be able to read at a glance. */
export const READING_FORM = FormDefinition.parse({
  id: 'household_visit',
  version: '2026-12-06',
  title: { fr: 'Visite de ménage', en: 'Household visit' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'text',
      name: 'head',
      label: { fr: 'Chef de ménage', en: 'Head of household' },
      required: true,
    },
    {
      kind: 'group',
      name: 'dwelling',
      label: { fr: 'Habitat', en: 'Dwelling' },
      items: [
        {
          kind: 'question',
          type: 'select_one',
          name: 'roof',
          label: { fr: 'Toit', en: 'Roof' },
          listName: 'roof',
          required: true,
        },
      ],
    },
    {
      kind: 'repeat',
      name: 'child',
      label: { fr: 'Enfant', en: 'Child' },
      items: [
        {
          kind: 'question',
          type: 'text',
          name: 'child_name',
          label: { fr: 'Prénom de l’enfant', en: 'Child’s first name' },
        },
        {
          kind: 'question',
          type: 'select_one',
          name: 'schooled',
          label: { fr: 'Scolarisé', en: 'In school' },
          listName: 'yesno',
        },
      ],
    },
    {
      kind: 'question',
      type: 'image',
      name: 'house_photo',
      label: { fr: 'Photo de la maison', en: 'Photo of the house' },
      parameters: { 'max-pixels': '1024' },
    },
  ],
  choiceLists: {
    roof: [
      { name: 'sheet', label: { fr: 'Tôle', en: 'Metal sheet' } },
      { name: 'straw', label: { fr: 'Paille', en: 'Straw' } },
    ],
    yesno: [
      { name: 'yes', label: { fr: 'Oui', en: 'Yes' } },
      { name: 'no', label: { fr: 'Non', en: 'No' } },
    ],
  },
});
