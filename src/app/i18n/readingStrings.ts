import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of reading a submission, of the people shown by name and role, and of the "À corriger" list
 * (issue 14): they load with the pages that show them, off the field agent's start-up JavaScript (GUIDE §4).
 * See pageStrings.ts. French defines the keys.
 */
export const readingFr = {
  'people.role.agent': 'agent de terrain',
  'people.role.focal_point': 'point focal',
  'people.role.supervisor': 'superviseur',
  'people.role.admin': 'administrateur',
  'people.nameRole': '{name} ({role})',
  'people.notSynced': 'un membre pas encore synchronisé',
  'people.by': 'Par {name}',
  'read.showCodes': 'Afficher les codes',
  'read.instance': '{label} no {number}',
  'read.instances': '{count} élément(s)',
  'read.noInstance': 'Aucun élément',
  'read.unanswered': '—',
  'read.point': 'lat. {lat} ; long. {lon}',
  'read.accuracyValue': '± {meters} m',
  'read.points': '{count} point(s)',
  'read.reviewComment': 'Commentaire de la revue : {text}',
  'read.corrects': 'Cette version corrige la précédente, revue par {name} :',
  'read.correctsComment': 'Commentaire de la revue : {text}',
  'fix.title': 'Soumissions signalées',
  'fix.intro': 'Un relecteur a signalé ou rejeté ces soumissions. Lisez son commentaire puis corrigez-les.',
  'fix.empty': 'Aucune soumission à corriger.',
  'fix.comment': 'Commentaire de {name} : {text}',
  'fix.fieldComment': '{field} : {text}',
  'fix.correct': 'Corriger',
  'fix.open': 'Voir la soumission',
  'fix.failed': 'La correction n’a pas pu être ouverte : {message}',
  'fix.otherTitle': 'Modifications refusées par le serveur',
  'review.commentRequired':
    'Écrivez un commentaire (sur la soumission ou sur une question) pour signaler un problème : il dit à l’agent ce qu’il faut corriger.',
  'queue.correction': 'Nouvelle version (correction)',
};

const readingEn: Record<keyof typeof readingFr, string> = {
  'people.role.agent': 'field agent',
  'people.role.focal_point': 'focal point',
  'people.role.supervisor': 'supervisor',
  'people.role.admin': 'administrator',
  'people.nameRole': '{name} ({role})',
  'people.notSynced': 'a member not synced yet',
  'people.by': 'By {name}',
  'read.showCodes': 'Show codes',
  'read.instance': '{label} no. {number}',
  'read.instances': '{count} item(s)',
  'read.noInstance': 'No item',
  'read.unanswered': '—',
  'read.point': 'lat. {lat}, long. {lon}',
  'read.accuracyValue': '± {meters} m',
  'read.points': '{count} point(s)',
  'read.reviewComment': 'Review comment: {text}',
  'read.corrects': 'This version corrects the previous one, reviewed by {name}:',
  'read.correctsComment': 'Review comment: {text}',
  'fix.title': 'Flagged submissions',
  'fix.intro': 'A reviewer flagged or rejected these submissions. Read their comment, then correct them.',
  'fix.empty': 'No submission to correct.',
  'fix.comment': 'Comment by {name}: {text}',
  'fix.fieldComment': '{field}: {text}',
  'fix.correct': 'Correct',
  'fix.open': 'Open the submission',
  'fix.failed': 'The correction could not be opened: {message}',
  'fix.otherTitle': 'Changes the server refused',
  'review.commentRequired':
    'Write a comment (on the submission or on a question) to flag issues: it tells the agent what to correct.',
  'queue.correction': 'New version (a correction)',
};

const READING_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: readingFr, en: readingEn };
registerPageStrings(READING_STRINGS);
