import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the use-of-the-database page (supervisors and admins): they load with that page, off the
 * field agent's JavaScript budget (GUIDE §4). See pageStrings.ts for how `t` finds them.
 */
export const usageFr = {
  'usage.title': 'Utilisation de la base de données',
  'usage.intro':
    'Calculée sur les données de cet appareil (les soumissions et revues de vos projets, à jour de la dernière synchronisation) : elle fonctionne hors ligne.',
  'usage.project': 'Projet',
  'usage.allProjects': 'Tous les projets',
  'usage.weeks': 'Période',
  'usage.weeksOption': '{count} dernières semaines',
  'usage.groupBy': 'Regrouper par',
  'usage.group.project': 'Projet',
  'usage.group.form': 'Formulaire',
  'usage.group.agent': 'Agent',
  'usage.print': 'Imprimer / PDF',
  'usage.generatedAt': 'Généré le {date}, du {from} au {to}',
  'usage.summary': 'En bref',
  'usage.total': 'Soumissions',
  'usage.active': 'Utilisateurs actifs',
  'usage.activeHint': 'Comptes ayant envoyé ou revu une soumission pendant la période.',
  'usage.median': 'Délai médian jusqu’à la vérification',
  'usage.medianHint': 'Des soumissions vérifiées ({count}) : de la finalisation à la première vérification.',
  'usage.flagged': 'Part signalée',
  'usage.flaggedHint': '{count} soumission(s) signalée(s) ou rejetée(s) au moins une fois.',
  'usage.none': '—',
  'usage.perWeek': 'Soumissions par semaine',
  'usage.weekOf': 'Sem. du {date}',
  'usage.totalCol': 'Total',
  'usage.empty': 'Aucune soumission pendant cette période sur cet appareil.',
  'usage.underHour': 'moins d’une heure',
  'usage.hours': '{count} h',
  'usage.days': '{count} j',
  'usage.loading': 'Chargement…',
};

const usageEn: Record<keyof typeof usageFr, string> = {
  'usage.title': 'Use of the database',
  'usage.intro':
    'Computed from this device’s data (the submissions and reviews of your projects, as of the last sync): it works offline.',
  'usage.project': 'Project',
  'usage.allProjects': 'All projects',
  'usage.weeks': 'Period',
  'usage.weeksOption': 'Last {count} weeks',
  'usage.groupBy': 'Group by',
  'usage.group.project': 'Project',
  'usage.group.form': 'Form',
  'usage.group.agent': 'Agent',
  'usage.print': 'Print / PDF',
  'usage.generatedAt': 'Generated {date}, from {from} to {to}',
  'usage.summary': 'Summary',
  'usage.total': 'Submissions',
  'usage.active': 'Active users',
  'usage.activeHint': 'Accounts that sent or reviewed a submission in the period.',
  'usage.median': 'Median time to verification',
  'usage.medianHint': 'Of the verified submissions ({count}): from finalizing to the first verification.',
  'usage.flagged': 'Share flagged',
  'usage.flaggedHint': '{count} submission(s) flagged or rejected at least once.',
  'usage.none': '—',
  'usage.perWeek': 'Submissions per week',
  'usage.weekOf': 'Week of {date}',
  'usage.totalCol': 'Total',
  'usage.empty': 'No submissions in this period on this device.',
  'usage.underHour': 'under an hour',
  'usage.hours': '{count} h',
  'usage.days': '{count} d',
  'usage.loading': 'Loading…',
};

const USAGE_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: usageFr, en: usageEn };
registerPageStrings(USAGE_STRINGS);
