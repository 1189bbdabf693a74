import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The labels of the links to the edit pages, on the project and indicator pages. Apart from editStrings.ts
 * so that those pages load five strings, not the edit pages' all. French defines the keys.
 */
export const editLinkFr = {
  'link.newProject': 'Nouveau projet',
  'link.organisations': 'Organisations',
  'link.editProject': 'Modifier le projet',
  'link.newIndicator': 'Nouvel indicateur',
  'link.editIndicator': 'Modifier l’indicateur',
  'link.finances': 'Finances',
};

const editLinkEn: Record<keyof typeof editLinkFr, string> = {
  'link.newProject': 'New project',
  'link.organisations': 'Organisations',
  'link.editProject': 'Edit the project',
  'link.newIndicator': 'New indicator',
  'link.editIndicator': 'Edit the indicator',
  'link.finances': 'Finances',
};

registerPageStrings({ fr: editLinkFr, en: editLinkEn } satisfies Record<UiLanguage, Record<string, string>>);
