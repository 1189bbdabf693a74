import { FormDefinition } from '../../../src/core/forms/definition';

/** A short follow-up survey with a photo, as agents fill by the hundred after a distribution day. */
export const DISTRIBUTION_FORM = FormDefinition.parse({
  id: 'distribution_check',
  version: '2026-11-25',
  title: { fr: 'Suivi de distribution', en: 'Distribution follow-up' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'text',
      name: 'beneficiary',
      label: { fr: 'Nom du bénéficiaire', en: 'Beneficiary’s name' },
      required: true,
    },
    {
      kind: 'question',
      type: 'integer',
      name: 'household_size',
      label: { fr: 'Taille du ménage', en: 'Household size' },
      required: true,
      min: 1,
      max: 60,
    },
    {
      kind: 'question',
      type: 'select_one',
      name: 'kit',
      label: { fr: 'Kit reçu', en: 'Kit received' },
      listName: 'kit',
      required: true,
    },
    {
      kind: 'question',
      type: 'text',
      name: 'remarks',
      label: { fr: 'Observations', en: 'Remarks' },
    },
    {
      kind: 'question',
      type: 'image',
      name: 'kit_photo',
      label: { fr: 'Photo du kit', en: 'Photo of the kit' },
      parameters: { 'max-pixels': '1024' },
    },
  ],
  choiceLists: {
    kit: [
      { name: 'full', label: { fr: 'Complet', en: 'Full' } },
      { name: 'partial', label: { fr: 'Partiel', en: 'Partial' } },
      { name: 'none', label: { fr: 'Aucun', en: 'None' } },
    ],
  },
});
