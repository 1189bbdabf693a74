import { FormDefinition } from '../../core/forms/definition';
import type { ProjectInput } from '../../core/records/project';

export const DEMO_ORGANISATION = { id: 'adn', name: 'Alliance pour le Développement du Nord (ADN)' } as const;

export const DEMO_PROJECT: ProjectInput = {
  id: 'synergie-nord-gao',
  code: 'SN-GAO-2026',
  title: { fr: 'Synergie-Nord — Sécurité alimentaire à Gao', en: 'Synergie-Nord — Food security in Gao' },
  organisationId: DEMO_ORGANISATION.id,
  location: 'Gao, Mali',
  status: 'active',
};

/** The demo household survey, in French and English. Parsed at load, so a mistake here fails loudly. */
export const DEMO_FORM: FormDefinition = FormDefinition.parse({
  id: 'household_survey',
  version: '2026-11-23',
  title: { fr: 'Enquête ménage', en: 'Household survey' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'note',
      name: 'intro',
      label: {
        fr: 'Présentez-vous et demandez le consentement du ménage avant de commencer.',
        en: 'Introduce yourself and ask for the household’s consent before starting.',
      },
    },
    {
      kind: 'question',
      type: 'text',
      name: 'respondent_name',
      label: { fr: 'Nom de la personne interrogée', en: 'Respondent’s name' },
      required: true,
      // Personal data (XLSForm's personal_data column): exports leave it out unless a supervisor asks.
      personal: true,
    },
    {
      kind: 'question',
      type: 'integer',
      name: 'household_size',
      label: { fr: 'Nombre de personnes dans le ménage', en: 'Number of people in the household' },
      required: true,
      min: 1,
      max: 60,
    },
    {
      kind: 'question',
      type: 'select_one',
      name: 'head_sex',
      label: { fr: 'Sexe du chef de ménage', en: 'Sex of the head of household' },
      required: true,
      listName: 'sex',
    },
    {
      kind: 'question',
      type: 'select_multiple',
      name: 'water_sources',
      label: { fr: 'Sources d’eau utilisées', en: 'Water sources used' },
      hint: { fr: 'Plusieurs réponses possibles.', en: 'Several answers possible.' },
      listName: 'water_source',
    },
    {
      kind: 'question',
      type: 'date',
      name: 'visit_date',
      label: { fr: 'Date de la visite', en: 'Date of the visit' },
      required: true,
    },
    {
      kind: 'question',
      type: 'geopoint',
      name: 'location',
      label: { fr: 'Position du ménage', en: 'Household location' },
      // Where a family lives is personal data as much as its name.
      personal: true,
    },
  ],
  choiceLists: {
    sex: [
      { name: 'female', label: { fr: 'Femme', en: 'Female' } },
      { name: 'male', label: { fr: 'Homme', en: 'Male' } },
    ],
    water_source: [
      { name: 'borehole', label: { fr: 'Forage', en: 'Borehole' } },
      { name: 'well', label: { fr: 'Puits', en: 'Well' } },
      { name: 'river', label: { fr: 'Fleuve', en: 'River' } },
      { name: 'vendor', label: { fr: 'Vendeur d’eau', en: 'Water vendor' } },
      { name: 'other', label: { fr: 'Autre', en: 'Other' } },
    ],
  },
});

/** Answers that pass DEMO_FORM's validation, for tests and demos. */
export const DEMO_ANSWERS = {
  respondent_name: 'Aminata Maïga',
  household_size: 7,
  head_sex: 'female',
  water_sources: ['borehole', 'vendor'],
  visit_date: '2026-11-24',
  location: { latitude: 16.2717, longitude: -0.0447 },
} as const;
