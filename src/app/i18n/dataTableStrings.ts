import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of a form's data table (focal points and up): they load with that page, off the field
 * agent's JavaScript budget (GUIDE §4). See pageStrings.ts for how `t` finds them. French defines the keys.
 */
export const dataTableFr = {
  'table.title': 'Données : {form}',
  'table.link': 'Tableau des données',
  'table.forms': 'Tableaux des données',
  'table.noForms': 'Aucun formulaire de ce projet sur cet appareil.',
  'table.formMissing': 'Ce formulaire n’est pas sur cet appareil : synchronisez, puis réessayez.',
  'table.intro':
    'Les soumissions de ce formulaire présentes sur cet appareil (aussi hors ligne). Triez en cliquant sur un en-tête de colonne.',
  'table.back': 'Retour au projet',
  'table.search': 'Rechercher',
  'table.status': 'Statut de revue',
  'table.status.all': 'Tous',
  'table.status.none': 'Pas encore revue',
  'table.columns': 'Colonnes',
  'table.columnsHint': 'Votre choix est gardé sur cet appareil pour ce formulaire.',
  'table.col.date': 'Date',
  'table.col.agent': 'Agent',
  'table.col.status': 'Revue',
  'table.caption': 'Soumissions de « {form} »',
  'table.count': '{matching} soumission(s) sur {total}',
  'table.range': 'Lignes {from} à {to} sur {matching}',
  'table.empty': 'Aucune soumission ne correspond.',
  'table.loading': 'Chargement…',
  'table.open': 'Ouvrir',
  'table.select': 'Sélectionner la ligne : {name}',
  'table.selectPage': 'Sélectionner les lignes de cette page',
  'table.selected': '{count} sélectionnée(s)',
  'table.clear': 'Tout désélectionner',
  'table.verify': 'Marquer comme vérifiées ({count})',
  'table.verifying': 'Vérification…',
  'table.verified':
    '{count} soumission(s) marquée(s) vérifiée(s), envoyée(s) à la prochaine synchronisation.',
  'table.skipped': '{count} laissée(s) telle(s) quelle(s) (déjà vérifiée(s) ou décision d’un superviseur).',
  'table.failed': 'Échec de la vérification : {message}',
  'table.you': '{name} (vous)',
};

const dataTableEn: Record<keyof typeof dataTableFr, string> = {
  'table.title': 'Data: {form}',
  'table.link': 'Data table',
  'table.forms': 'Data tables',
  'table.noForms': 'No form of this project on this device.',
  'table.formMissing': 'This form is not on this device: sync, then try again.',
  'table.intro':
    'The submissions of this form held on this device (also offline). Sort by clicking a column header.',
  'table.back': 'Back to the project',
  'table.search': 'Search',
  'table.status': 'Review status',
  'table.status.all': 'All',
  'table.status.none': 'Not reviewed yet',
  'table.columns': 'Columns',
  'table.columnsHint': 'Your choice is kept on this device for this form.',
  'table.col.date': 'Date',
  'table.col.agent': 'Agent',
  'table.col.status': 'Review',
  'table.caption': 'Submissions of “{form}”',
  'table.count': '{matching} of {total} submission(s)',
  'table.range': 'Rows {from} to {to} of {matching}',
  'table.empty': 'No submission matches.',
  'table.loading': 'Loading…',
  'table.open': 'Open',
  'table.select': 'Select the row: {name}',
  'table.selectPage': 'Select the rows of this page',
  'table.selected': '{count} selected',
  'table.clear': 'Clear the selection',
  'table.verify': 'Mark as verified ({count})',
  'table.verifying': 'Verifying…',
  'table.verified': '{count} submission(s) marked verified, sent with the next sync.',
  'table.skipped': '{count} left as they were (already verified, or a supervisor’s decision).',
  'table.failed': 'Verification failed: {message}',
  'table.you': '{name} (you)',
};

const DATA_TABLE_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: dataTableFr, en: dataTableEn };
registerPageStrings(DATA_TABLE_STRINGS);
