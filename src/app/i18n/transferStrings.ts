import type { UiLanguage } from '../../core/i18n/localized';

/**
 * The strings of the export and import pages. They live here, not in fr.ts / en.ts, because those two are
 * part of the JavaScript a field agent downloads before the first screen (GUIDE §4), and these pages are
 * opened rarely: this module loads with them. Same rules as fr.ts: French defines the keys.
 */
const fr = {
  exportTitle: 'Exporter les données non envoyées',
  exportIntro:
    'Sans synchronisation possible, enregistrez dans un fichier tout ce que le serveur n’a pas encore reçu et remettez-le à votre superviseur (clé USB). Les données restent aussi sur cet appareil ; elles ne seront pas comptées deux fois.',
  contents: 'À exporter : {pending} en attente, {rejected} à corriger, {drafts} brouillon(s).',
  draftsNote:
    'Les brouillons sont dans le fichier par sécurité, mais ne sont pas importés : finalisez-les ici.',
  save: 'Enregistrer le fichier',
  saving: 'Préparation du fichier…',
  saved: 'Fichier enregistré : {name}. Gardez-le jusqu’à ce que votre superviseur confirme l’import.',
  failed: 'Le fichier n’a pas pu être créé : {message}',
  importTitle: 'Importer le fichier d’un appareil',
  importIntro:
    'Les données du fichier sont enregistrées comme si l’appareil s’était synchronisé : un import répété ou suivi de la synchronisation de l’appareil ne crée aucun doublon.',
  file: 'Fichier d’export (.json ou .json.gz)',
  import: 'Importer',
  importing: 'Import en cours…',
  result:
    'Import terminé : {applied} enregistré(s), {duplicate} déjà reçu(s), {rejected} refusé(s) sur {total}.',
  rejectedItem: 'N° {seq} refusé ({code}) : {message}',
  notImported: '{drafts} brouillon(s) et {media} fichier(s) joint(s) non importés : conservez le fichier.',
  error: 'Import refusé : {message}',
  'error.seq_gap':
    'Il manque au serveur des données plus anciennes de cet appareil : importez d’abord le fichier précédent, ou laissez l’appareil se synchroniser.',
  'error.bad_request': 'Fichier endommagé ou qui n’est pas un export Terrain.',
  'error.forbidden': 'Vous n’êtes pas superviseur de tous les projets de ce fichier.',
  'error.not_found': 'L’utilisateur de ce fichier n’a pas de compte sur ce serveur.',
  'error.payload_too_large': 'Fichier trop volumineux pour un envoi : importez-le en ligne de commande.',
};

export type TransferKey = keyof typeof fr;

const en: Record<TransferKey, string> = {
  exportTitle: 'Export unsent data',
  exportIntro:
    'When you cannot sync, save everything the server has not received yet to a file and give it to your supervisor (USB stick). The data also stays on this device; it will not be counted twice.',
  contents: 'To export: {pending} waiting, {rejected} needing attention, {drafts} draft(s).',
  draftsNote: 'Drafts are in the file for safety but are not imported: finalize them here.',
  save: 'Save the file',
  saving: 'Preparing the file…',
  saved: 'File saved: {name}. Keep it until your supervisor confirms the import.',
  failed: 'The file could not be created: {message}',
  importTitle: 'Import a device’s file',
  importIntro:
    'The file’s data is stored as if the device had synced: importing it again, or the device syncing later, creates no duplicates.',
  file: 'Export file (.json or .json.gz)',
  import: 'Import',
  importing: 'Importing…',
  result: 'Import done: {applied} stored, {duplicate} already received, {rejected} refused, out of {total}.',
  rejectedItem: 'No. {seq} refused ({code}): {message}',
  notImported: '{drafts} draft(s) and {media} attached file(s) not imported: keep the file.',
  error: 'Import refused: {message}',
  'error.seq_gap':
    'The server lacks older data from this device: import the earlier file first, or let the device sync.',
  'error.bad_request': 'The file is damaged or is not a Terrain export.',
  'error.forbidden': 'You are not a supervisor of every project in this file.',
  'error.not_found': 'The user of this file has no account on this server.',
  'error.payload_too_large': 'The file is too large to upload: import it from the command line.',
};

export const TRANSFER_STRINGS: Record<UiLanguage, Record<TransferKey, string>> = { fr, en };
