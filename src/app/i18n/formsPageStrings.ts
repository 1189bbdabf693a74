import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the Forms page (supervisors and admins: check, preview, publish and archive XLSForms). They
 * load with that page, off the field agent's start-up JavaScript (see pageStrings.ts). French defines the keys.
 */
export const formsPageFr = {
  'formsPage.title': 'Formulaires',
  'formsPage.intro':
    'Déposez un XLSForm et ses fichiers joints : le serveur le vérifie et montre chaque problème avant toute publication. Rien n’est publié avant que vous cliquiez sur « Publier ».',
  'formsPage.project': 'Projet',
  'formsPage.noProject': 'Aucun projet sur cet appareil : synchronisez d’abord.',
  'formsPage.forbidden': 'Seuls les superviseurs et les administrateurs publient des formulaires.',
  'formsPage.upload': 'Nouvelle version',
  'formsPage.drop': 'Déposez ici le XLSForm (.xlsx, .xls) et ses fichiers joints, ou choisissez-les :',
  'formsPage.file': 'XLSForm (.xlsx ou .xls)',
  'formsPage.attachments': 'Fichiers joints (CSV, GeoJSON, XML, images, sons, vidéos)',
  'formsPage.attached': 'Joints : {names}',
  'formsPage.noAttachment': 'Aucun fichier joint.',
  'formsPage.clearAttachments': 'Retirer les fichiers joints',
  'formsPage.checking': 'Vérification du formulaire…',
  'formsPage.offline': 'Hors ligne : la vérification et la publication ont besoin du réseau.',
  'formsPage.failed': 'Échec : {message}',
  'formsPage.problems': '{count} problème(s) à corriger avant de publier',
  'formsPage.warnings': 'Avertissements ({count})',
  'formsPage.sheet': 'Feuille',
  'formsPage.wholeFile': '(fichier)',
  'formsPage.row': 'Ligne',
  'formsPage.column': 'Colonne',
  'formsPage.message': 'Message',
  'formsPage.ready': 'Prêt à publier : {title}, version {version}, {count} question(s).',
  'formsPage.alreadyPublished':
    'La version {version} est déjà publiée : changez la version dans la feuille settings avant de publier.',
  'formsPage.preview': 'Prévisualiser',
  'formsPage.closePreview': 'Fermer la prévisualisation',
  'formsPage.previewTitle': 'Prévisualisation : {title}',
  'formsPage.previewNote': 'Remplissez le formulaire pour l’essayer : rien n’est enregistré ni envoyé.',
  'formsPage.previewCheck': 'Vérifier les réponses',
  'formsPage.previewOk': 'Toutes les réponses sont valides (rien n’a été enregistré).',
  'formsPage.previewErrors': '{count} réponse(s) à corriger.',
  'formsPage.previewLoading': 'Préparation de la prévisualisation…',
  'formsPage.previewBroken': 'La logique de ce formulaire ne peut pas s’exécuter : {message}',
  'formsPage.publish': 'Publier la version {version}',
  'formsPage.publishing': 'Publication…',
  'formsPage.published':
    'Version {version} de « {title} » publiée : les appareils la recevront à leur prochaine synchronisation.',
  'formsPage.list': 'Formulaires du projet',
  'formsPage.none': 'Aucun formulaire publié dans ce projet sur cet appareil.',
  'formsPage.versionsOf': 'Versions de « {title} »',
  'formsPage.version': 'Version {version}',
  'formsPage.publishedAt': 'publiée le {date}',
  'formsPage.latest': 'dernière',
  'formsPage.archived': 'Archivé',
  'formsPage.archivedNote':
    'N’est plus proposé pour de nouvelles saisies ; les brouillons commencés peuvent être terminés et les soumissions restent.',
  'formsPage.archive': 'Archiver',
  'formsPage.unarchive': 'Proposer à nouveau',
  'formsPage.archiveQuestion':
    'Archiver « {title} » ? Les agents ne pourront plus commencer de saisie sur ce formulaire.',
  'formsPage.archiveConfirm': 'Oui, archiver',
};

const formsPageEn: Record<keyof typeof formsPageFr, string> = {
  'formsPage.title': 'Forms',
  'formsPage.intro':
    'Drop an XLSForm and its attached files: the server checks it and shows every problem before anything is published. Nothing is published until you click “Publish”.',
  'formsPage.project': 'Project',
  'formsPage.noProject': 'No project on this device: sync first.',
  'formsPage.forbidden': 'Only supervisors and administrators publish forms.',
  'formsPage.upload': 'New version',
  'formsPage.drop': 'Drop the XLSForm (.xlsx, .xls) and its attached files here, or choose them:',
  'formsPage.file': 'XLSForm (.xlsx or .xls)',
  'formsPage.attachments': 'Attached files (CSV, GeoJSON, XML, images, sounds, videos)',
  'formsPage.attached': 'Attached: {names}',
  'formsPage.noAttachment': 'No attached file.',
  'formsPage.clearAttachments': 'Remove the attached files',
  'formsPage.checking': 'Checking the form…',
  'formsPage.offline': 'Offline: checking and publishing need the network.',
  'formsPage.failed': 'Failed: {message}',
  'formsPage.problems': '{count} problem(s) to fix before publishing',
  'formsPage.warnings': 'Warnings ({count})',
  'formsPage.sheet': 'Sheet',
  'formsPage.wholeFile': '(file)',
  'formsPage.row': 'Row',
  'formsPage.column': 'Column',
  'formsPage.message': 'Message',
  'formsPage.ready': 'Ready to publish: {title}, version {version}, {count} question(s).',
  'formsPage.alreadyPublished':
    'Version {version} is already published: change the version in the settings sheet before publishing.',
  'formsPage.preview': 'Preview',
  'formsPage.closePreview': 'Close the preview',
  'formsPage.previewTitle': 'Preview: {title}',
  'formsPage.previewNote': 'Fill the form to try it: nothing is saved or sent.',
  'formsPage.previewCheck': 'Check the answers',
  'formsPage.previewOk': 'Every answer is valid (nothing was saved).',
  'formsPage.previewErrors': '{count} answer(s) to fix.',
  'formsPage.previewLoading': 'Preparing the preview…',
  'formsPage.previewBroken': 'This form’s logic cannot run: {message}',
  'formsPage.publish': 'Publish version {version}',
  'formsPage.publishing': 'Publishing…',
  'formsPage.published': 'Version {version} of “{title}” published: devices get it on their next sync.',
  'formsPage.list': 'The project’s forms',
  'formsPage.none': 'No form published in this project on this device.',
  'formsPage.versionsOf': 'Versions of “{title}”',
  'formsPage.version': 'Version {version}',
  'formsPage.publishedAt': 'published {date}',
  'formsPage.latest': 'latest',
  'formsPage.archived': 'Archived',
  'formsPage.archivedNote':
    'No longer offered for new submissions; drafts already started can be finished and submissions stay.',
  'formsPage.archive': 'Archive',
  'formsPage.unarchive': 'Offer again',
  'formsPage.archiveQuestion':
    'Archive “{title}”? Agents will no longer be able to start a submission on this form.',
  'formsPage.archiveConfirm': 'Yes, archive',
};

const FORMS_PAGE_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: formsPageFr, en: formsPageEn };
registerPageStrings(FORMS_PAGE_STRINGS);
