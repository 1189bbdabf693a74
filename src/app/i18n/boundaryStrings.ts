import type { UiLanguage } from '../../core/i18n/localized';
import { registerPageStrings } from './translate';

/** The strings of the administrative areas' upload (src/app/maps/BoundaryUpload.tsx): they load with it. */
export const boundaryFr = {
  'boundaries.title': 'Limites administratives de la carte publique',
  'boundaries.intro':
    'Un fichier GeoJSON des zones administratives (par exemple le COD-AB d’OCHA pour le Mali) : la carte publique de l’aide colore alors chaque zone selon ses projets publics. Un nouveau fichier remplace celui du même niveau.',
  'boundaries.none': 'Aucune limite administrative pour l’instant.',
  'boundaries.listed': '{level} : {count} zones ({file}), le {date}',
  'boundaries.level': 'Niveau',
  'boundaries.adm1': 'Régions (adm1)',
  'boundaries.adm2': 'Cercles (adm2)',
  'boundaries.file': 'Fichier GeoJSON',
  'boundaries.pcode': 'Propriété du code (facultatif, par défaut ADM1_PCODE ou ADM2_PCODE)',
  'boundaries.name': 'Propriété du nom (facultatif, par défaut ADM1_FR ou ADM2_FR)',
  'boundaries.submit': 'Envoyer les limites',
  'boundaries.sending': 'Envoi…',
  'boundaries.done': '{count} zones enregistrées (code : {pcode}, nom : {name}).',
  'boundaries.refused': 'Le fichier n’a pas été accepté : {message}',
  'boundaries.feature': 'Zone n° {index} : {message}',
  'boundaries.remove': 'Supprimer les {level}',
  'boundaries.offline': 'L’envoi de limites demande une connexion.',
};

export const boundaryEn: Record<keyof typeof boundaryFr, string> = {
  'boundaries.title': 'Administrative boundaries of the public map',
  'boundaries.intro':
    'A GeoJSON file of administrative areas (for example OCHA’s COD-AB for Mali): the public map of aid then colours each area by its public projects. A new file replaces the one of the same level.',
  'boundaries.none': 'No administrative boundaries yet.',
  'boundaries.listed': '{level}: {count} areas ({file}), on {date}',
  'boundaries.level': 'Level',
  'boundaries.adm1': 'Regions (adm1)',
  'boundaries.adm2': 'Districts (adm2)',
  'boundaries.file': 'GeoJSON file',
  'boundaries.pcode': 'Code property (optional, ADM1_PCODE or ADM2_PCODE by default)',
  'boundaries.name': 'Name property (optional, ADM1_FR or ADM2_FR by default)',
  'boundaries.submit': 'Upload the boundaries',
  'boundaries.sending': 'Uploading…',
  'boundaries.done': '{count} areas saved (code: {pcode}, name: {name}).',
  'boundaries.refused': 'The file was not accepted: {message}',
  'boundaries.feature': 'Area no. {index}: {message}',
  'boundaries.remove': 'Delete the {level}',
  'boundaries.offline': 'Uploading boundaries needs a connection.',
};

registerPageStrings({ fr: boundaryFr, en: boundaryEn } satisfies Record<UiLanguage, Record<string, string>>);
