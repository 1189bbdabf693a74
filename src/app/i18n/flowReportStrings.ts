import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/** The strings of the aid-flow reports (src/app/pages/FlowReport.tsx): they load with it. French defines the keys. */
export const flowReportFr = {
  'flowReport.title': 'Rapport des flux d’aide',
  'flowReport.link': 'Rapport des flux d’aide',
  'flowReport.back': 'Rapport de vérification des résultats',
  'flowReport.intro':
    'Engagé : transactions de type 2 (engagement sortant) et 11 (engagement entrant) ; décaissé : type 3 ; dépensé : type 4. Montants convertis au taux du mois de la date de valeur. Une transaction sans secteur ni région est répartie selon les pourcentages de secteur de son projet et, à parts égales, entre ses régions.',
  'flowReport.any': 'Tous',
  'flowReport.sector': 'Secteur',
  'flowReport.organisation': 'Organisation',
  'flowReport.region': 'Région',
  'flowReport.status': 'Statut',
  'flowReport.year': 'Année',
  'flowReport.print': 'Imprimer / PDF',
  'flowReport.generatedAt': 'Généré le {date} à partir des données de cet appareil',
  'flowReport.projects': 'Projets : {count}',
  'flowReport.empty': 'Aucune transaction engagée, décaissée ou dépensée pour ces critères.',
  'flowReport.total': 'Total',
  'flowReport.by.donor': 'Par bailleur (organisation fournisseur)',
  'flowReport.by.sector': 'Par secteur',
  'flowReport.by.region': 'Par région',
  'flowReport.by.year': 'Par année',
  'flowReport.col.donor': 'Bailleur',
  'flowReport.col.sector': 'Secteur',
  'flowReport.col.region': 'Région',
  'flowReport.col.year': 'Année',
  'flowReport.col.committed': 'Engagé',
  'flowReport.col.disbursed': 'Décaissé',
  'flowReport.col.spent': 'Dépensé',
  'flowReport.col.rate': 'Taux de décaissement',
  'flowReport.unknownKey': 'Non précisé',
  'flowReport.unknown': 'inconnu',
  'flowReport.currency': 'Monnaie des totaux',
  'flowReport.chart':
    'Graphique : engagé et décaissé en {currency}, {title}. Les chiffres sont dans le tableau.',
  'flowReport.ratesUsed': 'Taux utilisés (XOF pour 1 unité) : {list}.',
  'flowReport.ratesNone': 'Aucun taux n’a été nécessaire.',
  'flowReport.ratesMissing':
    'Taux manquants : {list}. Les totaux qui en dépendent sont « inconnu » ; saisissez ces taux pour les obtenir.',
  'flowReport.ratesLink': 'Saisir des taux',
};

const flowReportEn: Record<keyof typeof flowReportFr, string> = {
  'flowReport.title': 'Aid-flow report',
  'flowReport.link': 'Aid-flow report',
  'flowReport.back': 'Result-verification report',
  'flowReport.intro':
    'Committed: transactions of type 2 (outgoing commitment) and 11 (incoming commitment); disbursed: type 3; spent: type 4. Amounts converted at the rate of the month of their value date. A transaction naming no sector or region is split by its project’s sector percentages and, equally, between its regions.',
  'flowReport.any': 'All',
  'flowReport.sector': 'Sector',
  'flowReport.organisation': 'Organisation',
  'flowReport.region': 'Region',
  'flowReport.status': 'Status',
  'flowReport.year': 'Year',
  'flowReport.print': 'Print / PDF',
  'flowReport.generatedAt': 'Generated {date} from the data on this device',
  'flowReport.projects': 'Projects: {count}',
  'flowReport.empty': 'No committed, disbursed or spent transaction for these criteria.',
  'flowReport.total': 'Total',
  'flowReport.by.donor': 'By donor (provider organisation)',
  'flowReport.by.sector': 'By sector',
  'flowReport.by.region': 'By region',
  'flowReport.by.year': 'By year',
  'flowReport.col.donor': 'Donor',
  'flowReport.col.sector': 'Sector',
  'flowReport.col.region': 'Region',
  'flowReport.col.year': 'Year',
  'flowReport.col.committed': 'Committed',
  'flowReport.col.disbursed': 'Disbursed',
  'flowReport.col.spent': 'Spent',
  'flowReport.col.rate': 'Disbursement rate',
  'flowReport.unknownKey': 'Not specified',
  'flowReport.unknown': 'unknown',
  'flowReport.currency': 'Currency of the totals',
  'flowReport.chart': 'Chart: committed and disbursed in {currency}, {title}. The figures are in the table.',
  'flowReport.ratesUsed': 'Rates used (XOF for 1 unit): {list}.',
  'flowReport.ratesNone': 'No rate was needed.',
  'flowReport.ratesMissing':
    'Missing rates: {list}. The totals that need them are “unknown”; enter these rates to get them.',
  'flowReport.ratesLink': 'Enter rates',
};

registerPageStrings({ fr: flowReportFr, en: flowReportEn } satisfies Record<
  UiLanguage,
  Record<string, string>
>);
