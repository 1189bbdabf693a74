import { FormDefinition } from '../../../src/core/forms/definition';

/** A form that exercises the engine: relevance, a constraint, a calculation, a choice filter, a repeat. */
export const ENGINE_FORM = FormDefinition.parse({
  id: 'engine_check',
  version: '2026-11-24',
  title: { fr: 'Visite de contrôle', en: 'Check visit' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'select_one',
      name: 'region',
      label: { fr: 'Région', en: 'Region' },
      listName: 'region',
      required: true,
    },
    {
      kind: 'question',
      type: 'select_one',
      name: 'village',
      label: { fr: 'Village', en: 'Village' },
      listName: 'village',
      choiceFilter: 'region = ${region}',
      required: true,
    },
    {
      kind: 'question',
      type: 'select_one',
      name: 'has_children',
      label: { fr: 'Le ménage a-t-il des enfants ?', en: 'Does the household have children?' },
      listName: 'yes_no',
    },
    {
      kind: 'question',
      type: 'integer',
      name: 'children',
      label: { fr: 'Nombre d’enfants', en: 'Number of children' },
      relevant: "${has_children} = 'yes'",
      constraint: '. <= 20',
      constraintMessage: { fr: 'Pas plus de 20 enfants.', en: 'No more than 20 children.' },
    },
    {
      kind: 'repeat',
      name: 'member',
      label: { fr: 'Membre', en: 'Member' },
      items: [
        {
          kind: 'question',
          type: 'text',
          name: 'member_name',
          label: { fr: 'Nom du membre', en: 'Member’s name' },
          required: true,
        },
        { kind: 'question', type: 'integer', name: 'age', label: { fr: 'Âge', en: 'Age' } },
      ],
    },
    {
      kind: 'question',
      type: 'calculate',
      name: 'total_age',
      label: { fr: 'Total des âges', en: 'Sum of ages' },
      calculation: 'sum(${age})',
    },
  ],
  choiceLists: {
    region: [
      { name: 'nord', label: { fr: 'Nord', en: 'North' } },
      { name: 'sud', label: { fr: 'Sud', en: 'South' } },
    ],
    village: [
      { name: 'gao', label: { fr: 'Gao', en: 'Gao' }, extra: { region: 'nord' } },
      { name: 'tombouctou', label: { fr: 'Tombouctou', en: 'Timbuktu' }, extra: { region: 'nord' } },
      { name: 'sikasso', label: { fr: 'Sikasso', en: 'Sikasso' }, extra: { region: 'sud' } },
    ],
    yes_no: [
      { name: 'yes', label: { fr: 'Oui', en: 'Yes' } },
      { name: 'no', label: { fr: 'Non', en: 'No' } },
    ],
  },
});
