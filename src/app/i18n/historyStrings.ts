import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the review history (submission and indicator pages): they load with those pages, off the
 * field agent's start-up JavaScript (GUIDE §4). See pageStrings.ts. French defines the keys.
 */
export const historyFr = {
  'history.title': 'Historique de la revue',
  'history.summary': 'Historique ({count})',
  'history.who': '{name}, le {date}',
  'history.you': 'Vous',
  'history.comment': 'Commentaire : {text}',
  'history.commentRemoved': 'Commentaire effacé',
  'history.fieldComment': '{field} : {text}',
  'history.fieldCommentRemoved': '{field} : commentaire effacé',
  'history.unsent': 'Pas encore envoyé',
  'history.refused': 'Refusé par le serveur',
};

const historyEn: Record<keyof typeof historyFr, string> = {
  'history.title': 'Review history',
  'history.summary': 'History ({count})',
  'history.who': '{name}, on {date}',
  'history.you': 'You',
  'history.comment': 'Comment: {text}',
  'history.commentRemoved': 'Comment cleared',
  'history.fieldComment': '{field}: {text}',
  'history.fieldCommentRemoved': '{field}: comment cleared',
  'history.unsent': 'Not sent yet',
  'history.refused': 'Refused by the server',
};

const HISTORY_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: historyFr, en: historyEn };
registerPageStrings(HISTORY_STRINGS);
