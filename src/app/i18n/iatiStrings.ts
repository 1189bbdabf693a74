import type { UiLanguage } from '../../core/i18n/uiLanguages';
import {
  IATI_NOTE_EN,
  IATI_REFUSAL_EN,
  type IatiNoteCode,
  type IatiRefusalCode,
} from '../../core/iati/importMessages';
import { registerPageStrings } from './translate';

/**
 * What the server leaves out of a file (notes) and why it refuses one (refusals), by code
 * (src/core/iati/importMessages.ts). Typed by the codes: a new code does not compile without its French.
 * `{name}` is a parameter of the code.
 */
const noteFr: Record<IatiNoteCode, string> = {
  participating_org_invalid:
    'participating-org ligne {line} laissé de côté (référence ou rôle absent ou non valide)',
  activity_date_invalid: 'activity-date ligne {line} laissée de côté (type ou date non valide)',
  sectors_other_vocabulary: '{count} secteur(s) d’un autre vocabulaire que celui du CAD laissé(s) de côté',
  sectors_percentages: 'secteurs laissés de côté : leurs pourcentages ne font pas 100 au total',
  location_point_invalid: 'location ligne {line} : point laissé de côté (pas au format « lat lon »)',
  budget_invalid: 'budget ligne {line} laissé de côté (période, montant ou devise absent ou non valide)',
  indicator_measure:
    'indicateur ligne {line} laissé de côté (mesure {measure} : seules 1, unité, et 2, pourcentage, sont lues)',
  transaction_incomplete: 'transaction ligne {line} laissée de côté (date, montant ou devise absent)',
  planned_disbursement_incomplete:
    'planned-disbursement ligne {line} laissé de côté (période, montant ou devise absent)',
  field_invalid: 'champ {field} laissé de côté : valeur non valide',
  record_invalid: 'enregistrement non valide une fois converti pour Terrain',
  deleted_in_terrain: 'supprimé dans Terrain',
};

const refusalFr: Record<IatiRefusalCode, string> = {
  doctype_refused: 'un DOCTYPE n’est pas accepté (aucune DTD ni entité n’est lue)',
  no_element: 'le fichier ne contient aucun élément XML',
  wrong_root: 'l’élément racine est <{name}> et non <iati-activities>',
  missing_identifier: 'l’activité {activity} n’a pas d’iati-identifier',
  identifier_too_long: 'activité {activity} : iati-identifier de plus de {max} caractères',
  duplicate_identifier: 'l’activité {activity} reprend l’iati-identifier {identifier}',
  xml_unexpected_close_tag: 'balise fermante inattendue',
  xml_unclosed_tag: 'balise non fermée : {name}',
  xml_unmatched_close_tag: 'balise fermante sans balise ouvrante : {name}',
  xml_unexpected_end: 'fin du fichier inattendue',
  xml_undefined_entity: 'entité non définie',
  xml_no_root: 'le document ne contient aucun élément racine',
  xml_text_outside_root: 'du texte se trouve hors de l’élément racine',
  xml_malformed: 'XML mal formé (message du lecteur XML : {detail})',
};

type CodeKeys<P extends string, C extends string> = Record<`${P}.${C}`, string>;
function prefixed<P extends string, C extends string>(prefix: P, strings: Record<C, string>): CodeKeys<P, C> {
  return Object.fromEntries(
    Object.entries(strings).map(([code, text]) => [`${prefix}.${code}`, text]),
  ) as CodeKeys<P, C>;
}

/**
 * The strings of the IATI import page (admins). They load with that page, off the field agent's start-up
 * JavaScript (see pageStrings.ts). French defines the keys.
 */
export const iatiFr = {
  'iati.title': 'Import IATI',
  'iati.intro':
    'Choisissez un fichier d’activités IATI (XML) : le serveur le lit et montre ce qu’il créerait ou mettrait à jour. Rien n’est écrit avant que vous cliquiez sur « Importer ».',
  'iati.forbidden': 'Seuls les administrateurs importent des fichiers IATI.',
  'iati.offline':
    'Hors ligne : l’import IATI se fait avec le serveur. Reconnectez-vous au réseau pour continuer.',
  'iati.file': 'Fichier IATI (.xml)',
  'iati.checking': 'Lecture du fichier par le serveur…',
  'iati.importing': 'Import en cours…',
  'iati.import': 'Importer',
  'iati.refused': 'Fichier refusé, ligne {line}, colonne {column} : {reason}',
  'iati.failed': 'Échec : {message}',
  'iati.networkFailed': 'Le serveur n’a pas répondu. Vérifiez la connexion et réessayez.',
  'iati.preview': 'Aperçu : rien n’a encore été écrit.',
  'iati.done': 'Import terminé. Les appareils reçoivent ces données à leur prochaine synchronisation.',
  'iati.totals':
    '{created} créé(s), {updated} mis à jour, {conflicts} en conflit, {unchanged} inchangé(s), {skipped} ignoré(s)',
  'iati.records': 'Enregistrements',
  'iati.col.action': 'Action',
  'iati.col.record': 'Enregistrement',
  'iati.col.source': 'Identifiant IATI',
  'iati.col.fields': 'Champs mis à jour',
  'iati.col.conflicts': 'Conflits',
  'iati.col.notes': 'Remarques',
  'iati.action.created': 'Créé',
  'iati.action.updated': 'Mis à jour',
  'iati.action.unchanged': 'Inchangé',
  'iati.action.skipped': 'Ignoré',
  'iati.notes': 'Éléments laissés de côté',
  'iati.noRecord': 'Le fichier ne contient aucune activité.',
  'iati.refusedLine': 'Fichier refusé, ligne {line} : {reason}',
  'iati.tbl.organisations': 'Organisation',
  'iati.tbl.projects': 'Projet',
  'iati.tbl.indicators': 'Indicateur',
  'iati.tbl.indicatorValues': 'Valeur d’indicateur',
  'iati.tbl.transactions': 'Transaction',
  'iati.tbl.plannedDisbursements': 'Décaissement prévu',
  'iati.activityNote': '{activity} : {note}',
  ...prefixed('iati.note', noteFr),
  ...prefixed('iati.refusal', refusalFr),
};

const iatiEn: Record<keyof typeof iatiFr, string> = {
  'iati.title': 'IATI import',
  'iati.intro':
    'Choose an IATI activity file (XML): the server reads it and shows what it would create or update. Nothing is written until you click “Import”.',
  'iati.forbidden': 'Only admins import IATI files.',
  'iati.offline': 'Offline: the IATI import needs the server. Reconnect to the network to continue.',
  'iati.file': 'IATI file (.xml)',
  'iati.checking': 'The server is reading the file…',
  'iati.importing': 'Importing…',
  'iati.import': 'Import',
  'iati.refused': 'File refused, line {line}, column {column}: {reason}',
  'iati.failed': 'Failed: {message}',
  'iati.networkFailed': 'The server did not answer. Check the connection and try again.',
  'iati.preview': 'Preview: nothing has been written yet.',
  'iati.done': 'Import done. Devices receive these records at their next sync.',
  'iati.totals':
    '{created} created, {updated} updated, {conflicts} in conflict, {unchanged} unchanged, {skipped} skipped',
  'iati.records': 'Records',
  'iati.col.action': 'Action',
  'iati.col.record': 'Record',
  'iati.col.source': 'IATI identifier',
  'iati.col.fields': 'Fields updated',
  'iati.col.conflicts': 'Conflicts',
  'iati.col.notes': 'Notes',
  'iati.action.created': 'Created',
  'iati.action.updated': 'Updated',
  'iati.action.unchanged': 'Unchanged',
  'iati.action.skipped': 'Skipped',
  'iati.notes': 'Left out',
  'iati.noRecord': 'The file holds no activity.',
  'iati.refusedLine': 'File refused, line {line}: {reason}',
  'iati.tbl.organisations': 'Organisation',
  'iati.tbl.projects': 'Project',
  'iati.tbl.indicators': 'Indicator',
  'iati.tbl.indicatorValues': 'Indicator value',
  'iati.tbl.transactions': 'Transaction',
  'iati.tbl.plannedDisbursements': 'Planned disbursement',
  'iati.activityNote': '{activity}: {note}',
  // The server's English sentences, which the CLI prints too.
  ...prefixed('iati.note', IATI_NOTE_EN),
  ...prefixed('iati.refusal', IATI_REFUSAL_EN),
};

const IATI_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: iatiFr, en: iatiEn };
registerPageStrings(IATI_STRINGS);
