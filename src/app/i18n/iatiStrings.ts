import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

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
};

const IATI_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: iatiFr, en: iatiEn };
registerPageStrings(IATI_STRINGS);
