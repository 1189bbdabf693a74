import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the export and import pages, which are opened rarely: they load with those pages, off the
 * JavaScript counted for opening the app and filling a form (GUIDE §4). See pageStrings.ts for how `t`
 * finds them. The export page's title is `sync.export`, the link that leads to it.
 */
export const transferFr = {
  'export.intro':
    'Sans synchronisation possible, enregistrez dans un fichier tout ce que le serveur n’a pas encore reçu et remettez-le à votre superviseur (clé USB). Les données restent aussi sur cet appareil ; elles ne seront pas comptées deux fois.',
  'export.contents': 'À exporter : {pending} en attente, {rejected} à corriger, {drafts} brouillon(s).',
  'export.draftsNote':
    'Les brouillons sont dans le fichier par sécurité, mais ne sont pas importés : finalisez-les ici.',
  'export.save': 'Enregistrer le fichier',
  'export.saving': 'Préparation du fichier…',
  'export.saved':
    'Fichier enregistré : {name}. Gardez-le jusqu’à ce que votre superviseur confirme l’import.',
  'export.failed': 'Le fichier n’a pas pu être créé : {message}',
  'export.unregistered':
    'Cet appareil ne s’est encore jamais connecté au serveur : le fichier sera bien enregistré, mais il ne pourra être importé qu’après une première connexion de l’appareil (ou par un administrateur sur le serveur).',
  'export.refused':
    'Le serveur a refusé la clé de cet appareil : le fichier sera bien enregistré, mais il ne pourra pas être importé tel quel. Gardez-le et prévenez un administrateur.',
  'import.title': 'Importer le fichier d’un appareil',
  'import.intro':
    'Les données du fichier sont enregistrées comme si l’appareil s’était synchronisé : un import répété ou suivi de la synchronisation de l’appareil ne crée aucun doublon.',
  'import.file': 'Fichier d’export (.json ou .json.gz)',
  'import.submit': 'Importer',
  'import.importing': 'Import en cours…',
  'import.result':
    'Import terminé : {applied} enregistré(s), {duplicate} déjà reçu(s), {rejected} refusé(s) sur {total}.',
  'import.rejectedItem': 'N° {seq} refusé ({code}) : {message}',
  'import.notImported':
    '{drafts} brouillon(s) et {media} fichier(s) joint(s) non importés : conservez le fichier.',
  'import.error': 'Import refusé : {message}',
  'import.error.seq_gap':
    'Il manque au serveur des données plus anciennes de cet appareil : importez d’abord le fichier précédent, ou laissez l’appareil se synchroniser.',
  'import.error.bad_request': 'Fichier endommagé ou qui n’est pas un export Terrain.',
  'import.error.forbidden': 'Vous n’êtes pas superviseur de tous les projets de ce fichier.',
  'import.error.not_found': 'L’utilisateur de ce fichier n’a pas de compte sur ce serveur.',
  'import.error.payload_too_large':
    'Fichier trop volumineux pour un envoi : importez-le en ligne de commande.',
  'import.error.unsigned':
    'Fichier non signé par son appareil (application trop ancienne) : un administrateur peut l’importer sur le serveur.',
  'import.error.unregistered':
    'L’appareil de ce fichier ne s’est jamais connecté au serveur : importez le fichier après une première connexion de l’appareil, ou demandez à un administrateur de l’importer sur le serveur.',
  'import.error.signature':
    'La signature du fichier ne correspond pas à son appareil : il a été modifié ou falsifié. Rien n’a été importé.',
  'import.error.owner':
    'L’appareil de ce fichier appartient à un autre compte que celui du fichier. Rien n’a été importé.',
  'import.error.revoked': 'L’appareil de ce fichier a été révoqué : ses fichiers ne sont plus importés.',
};

const transferEn: Record<keyof typeof transferFr, string> = {
  'export.intro':
    'When you cannot sync, save everything the server has not received yet to a file and give it to your supervisor (USB stick). The data also stays on this device; it will not be counted twice.',
  'export.contents': 'To export: {pending} waiting, {rejected} needing attention, {drafts} draft(s).',
  'export.draftsNote': 'Drafts are in the file for safety but are not imported: finalize them here.',
  'export.save': 'Save the file',
  'export.saving': 'Preparing the file…',
  'export.saved': 'File saved: {name}. Keep it until your supervisor confirms the import.',
  'export.failed': 'The file could not be created: {message}',
  'export.unregistered':
    'This device has never been online yet: the file will be saved, but it can only be imported once the device has connected to the server once (or by an administrator on the server).',
  'export.refused':
    'The server refused this device’s key: the file will be saved, but it cannot be imported as it is. Keep it and tell an administrator.',
  'import.title': 'Import a device’s file',
  'import.intro':
    'The file’s data is stored as if the device had synced: importing it again, or the device syncing later, creates no duplicates.',
  'import.file': 'Export file (.json or .json.gz)',
  'import.submit': 'Import',
  'import.importing': 'Importing…',
  'import.result':
    'Import done: {applied} stored, {duplicate} already received, {rejected} refused, out of {total}.',
  'import.rejectedItem': 'No. {seq} refused ({code}): {message}',
  'import.notImported': '{drafts} draft(s) and {media} attached file(s) not imported: keep the file.',
  'import.error': 'Import refused: {message}',
  'import.error.seq_gap':
    'The server lacks older data from this device: import the earlier file first, or let the device sync.',
  'import.error.bad_request': 'The file is damaged or is not a Terrain export.',
  'import.error.forbidden': 'You are not a supervisor of every project in this file.',
  'import.error.not_found': 'The user of this file has no account on this server.',
  'import.error.payload_too_large': 'The file is too large to upload: import it from the command line.',
  'import.error.unsigned':
    'The file is not signed by its device (an older app): an administrator can import it on the server.',
  'import.error.unregistered':
    'This file’s device has never connected to the server: import the file once the device has been online, or ask an administrator to import it on the server.',
  'import.error.signature':
    'The file’s signature does not match its device: it was altered or forged. Nothing was imported.',
  'import.error.owner':
    'This file’s device belongs to another account than the file’s. Nothing was imported.',
  'import.error.revoked': 'This file’s device was revoked: its files are no longer imported.',
};

const TRANSFER_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: transferFr, en: transferEn };
registerPageStrings(TRANSFER_STRINGS);
