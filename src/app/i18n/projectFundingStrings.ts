import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the funding summary on a project's page (components/ProjectFunding.tsx): they load with that
 * page. French defines the keys.
 */
export const projectFundingFr = {
  'funding.title': 'Financement',
  'funding.caption': 'Financement du projet, en XOF et en USD',
  'funding.what': 'Montant',
  'funding.committed': 'Engagé (transactions 2 et 11)',
  'funding.disbursed': 'Décaissé (transactions 3)',
  'funding.spent': 'Dépensé (transactions 4)',
  'funding.rate': 'Taux de décaissement : {rate}',
  'funding.noRate': 'Taux de décaissement : non calculable (rien d’engagé, ou un taux de change manque)',
  'funding.unknown': 'inconnu',
  'funding.missing':
    'Taux de change manquants : {list}. Les totaux qui en dépendent sont « inconnu » tant qu’ils ne sont pas saisis.',
  'funding.none': 'Aucune transaction engagée, décaissée ou dépensée sur cet appareil.',
  'funding.edit': 'Voir et modifier les finances du projet',
};

const projectFundingEn: Record<keyof typeof projectFundingFr, string> = {
  'funding.title': 'Funding',
  'funding.caption': 'The project’s funding, in XOF and USD',
  'funding.what': 'Amount',
  'funding.committed': 'Committed (transactions 2 and 11)',
  'funding.disbursed': 'Disbursed (transactions 3)',
  'funding.spent': 'Spent (transactions 4)',
  'funding.rate': 'Disbursement rate: {rate}',
  'funding.noRate':
    'Disbursement rate: cannot be computed (nothing committed, or an exchange rate is missing)',
  'funding.unknown': 'unknown',
  'funding.missing':
    'Missing exchange rates: {list}. The totals that need them are “unknown” until they are entered.',
  'funding.none': 'No committed, disbursed or spent transaction on this device.',
  'funding.edit': 'See and edit the project’s finances',
};

const PROJECT_FUNDING_STRINGS: Record<UiLanguage, Record<string, string>> = {
  fr: projectFundingFr,
  en: projectFundingEn,
};
registerPageStrings(PROJECT_FUNDING_STRINGS);
