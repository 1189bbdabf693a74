import { FormDefinition } from '../../../src/core/forms/definition';

/** A follow-up visit: named by instance_name, with an appointment as a date and a time. */
export const VISIT_FORM = FormDefinition.parse({
  id: 'visit',
  version: '2026-12-01',
  title: { fr: 'Visite de suivi', en: 'Follow-up visit' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  settings: { instanceName: "concat(${person}, ' – ', ${village})" },
  items: [
    { kind: 'question', type: 'text', name: 'person', label: { fr: 'Personne', en: 'Person' } },
    { kind: 'question', type: 'text', name: 'village', label: { fr: 'Village', en: 'Village' } },
    {
      kind: 'question',
      type: 'dateTime',
      name: 'appointment',
      label: { fr: 'Prochain rendez-vous', en: 'Next appointment' },
    },
  ],
});
