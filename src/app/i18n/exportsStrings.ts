import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the Exports page (focal points and up): they load with that page, off the field agent's
 * JavaScript budget (GUIDE §4). See pageStrings.ts for how `t` finds them. French defines the keys.
 */
export const exportsFr = {
  'exports.title': 'Exports',
  'exports.intro':
    'Téléchargez les données du serveur dans un fichier pour un tableur ou un SIG, selon vos droits sur chaque projet.',
  'exports.notAllowed':
    'Les exports sont réservés aux points focaux, aux superviseurs et aux administrateurs.',
  'exports.offline':
    'Hors ligne : le téléchargement demande une connexion au serveur. Choisissez l’export, puis téléchargez-le une fois connecté.',
  'exports.format': 'Format',
  'exports.format.csv': 'CSV',
  'exports.format.csv.hint': 'Tableur (Excel, LibreOffice) : un tableau par niveau de répétition.',
  'exports.format.hxl': 'HXL',
  'exports.format.hxl.hint': 'CSV avec la ligne de hashtags HXL, pour les outils humanitaires.',
  'exports.format.xlsx': 'XLSX',
  'exports.format.xlsx.hint':
    'Classeur Excel : une feuille par tableau, nombres et dates en vraies cellules.',
  'exports.format.geojson': 'GeoJSON',
  'exports.format.geojson.hint':
    'Carte (QGIS, ArcGIS) : les points des soumissions, ou les emplacements des projets sans formulaire.',
  'exports.format.iati': 'IATI',
  'exports.format.iati.hint': 'Activités IATI 2.03 (XML) des projets, à publier.',
  'exports.format.iati-organisations': 'Organisations (IATI)',
  'exports.format.iati-organisations.hint':
    'Fichier organisation IATI 2.03 (XML) : budgets par année des organisations qui rapportent ces projets.',
  'exports.project': 'Projet',
  'exports.allProjects': 'Tous mes projets',
  'exports.form': 'Formulaire',
  'exports.form.locations': 'Aucun : emplacements des projets',
  'exports.noForms':
    'Aucun formulaire de ce choix sur cet appareil : synchronisez, ou choisissez un autre projet.',
  'exports.lang': 'Langue des libellés',
  'exports.lang.fr': 'Français',
  'exports.lang.en': 'Anglais',
  'exports.choices': 'Réponses à choix',
  'exports.choices.labels': 'Libellés',
  'exports.choices.codes': 'Codes',
  'exports.personal': 'Inclure les données personnelles (cet export est inscrit au journal d’audit)',
  'exports.download': 'Télécharger',
  'exports.downloading': 'Téléchargement…',
  'exports.progressLabel': 'Progression du téléchargement',
  'exports.progress': 'Reçu : {received} sur {total} ({percent} %)',
  'exports.progressUnknown': 'Reçu : {received}',
  'exports.done': 'Fichier {name} téléchargé ({size}).',
  'exports.error.network': 'Pas de réponse du serveur. Vérifiez la connexion, puis réessayez.',
  'exports.error.401': 'Votre session a expiré : reconnectez-vous, puis réessayez.',
  'exports.error.403': 'Vous n’avez pas le droit de faire cet export.',
  'exports.error.404': 'Ce formulaire est introuvable sur le serveur dans vos projets.',
  'exports.error.409': 'Aucun projet ne peut encore être publié en IATI.',
  'exports.error.429': 'Trop d’exports en peu de temps : réessayez dans {seconds} s.',
  'exports.error.400': 'Le serveur a refusé cette demande d’export.',
  'exports.error.other': 'Le serveur n’a pas pu faire l’export (erreur {status}). Réessayez plus tard.',
  'exports.error.detail': 'Message du serveur : {message}',
};

const exportsEn: Record<keyof typeof exportsFr, string> = {
  'exports.title': 'Exports',
  'exports.intro':
    'Download the server’s data as a file for a spreadsheet or a GIS, according to your rights on each project.',
  'exports.notAllowed': 'Exports are for focal points, supervisors and administrators.',
  'exports.offline':
    'Offline: the download needs a connection to the server. Choose the export, then download it once connected.',
  'exports.format': 'Format',
  'exports.format.csv': 'CSV',
  'exports.format.csv.hint': 'Spreadsheet (Excel, LibreOffice): one table per repeat level.',
  'exports.format.hxl': 'HXL',
  'exports.format.hxl.hint': 'CSV with the row of HXL hashtags, for humanitarian tools.',
  'exports.format.xlsx': 'XLSX',
  'exports.format.xlsx.hint': 'Excel workbook: one sheet per table, numbers and dates as real cells.',
  'exports.format.geojson': 'GeoJSON',
  'exports.format.geojson.hint':
    'Map (QGIS, ArcGIS): the submissions’ points, or the projects’ places without a form.',
  'exports.format.iati': 'IATI',
  'exports.format.iati.hint': 'The projects as IATI 2.03 activities (XML), to publish.',
  'exports.format.iati-organisations': 'Organisations (IATI)',
  'exports.format.iati-organisations.hint':
    'IATI 2.03 organisation file (XML): budgets per year of the organisations reporting these projects.',
  'exports.project': 'Project',
  'exports.allProjects': 'All my projects',
  'exports.form': 'Form',
  'exports.form.locations': 'None: the projects’ places',
  'exports.noForms': 'No form for this choice on this device: sync, or choose another project.',
  'exports.lang': 'Language of labels',
  'exports.lang.fr': 'French',
  'exports.lang.en': 'English',
  'exports.choices': 'Choice answers',
  'exports.choices.labels': 'Labels',
  'exports.choices.codes': 'Codes',
  'exports.personal': 'Include personal data (this export is recorded in the audit log)',
  'exports.download': 'Download',
  'exports.downloading': 'Downloading…',
  'exports.progressLabel': 'Download progress',
  'exports.progress': 'Received: {received} of {total} ({percent}%)',
  'exports.progressUnknown': 'Received: {received}',
  'exports.done': 'File {name} downloaded ({size}).',
  'exports.error.network': 'No answer from the server. Check the connection, then try again.',
  'exports.error.401': 'Your session has expired: sign in again, then try again.',
  'exports.error.403': 'You are not allowed to make this export.',
  'exports.error.404': 'This form was not found on the server in your projects.',
  'exports.error.409': 'No project can be published to IATI yet.',
  'exports.error.429': 'Too many exports in a short time: try again in {seconds} s.',
  'exports.error.400': 'The server refused this export request.',
  'exports.error.other': 'The server could not make the export (error {status}). Try again later.',
  'exports.error.detail': 'Server message: {message}',
};

const EXPORTS_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: exportsFr, en: exportsEn };
registerPageStrings(EXPORTS_STRINGS);
