import type { UiLanguage } from '../../core/i18n/uiLanguages';

/**
 * Names of OECD DAC 5-digit purpose codes (IATI Sector vocabulary 1) in French and English: those the demo
 * uses and the ones humanitarian projects in the Sahel commonly report under. Not the whole list (about 300
 * codes): a code missing here is shown as its code. Imported only by the coordination pages, so it loads
 * with them, never with the field agent's start-up JavaScript. English follows the DAC's names; French
 * the DAC's French list where it is short, else a faithful shortening.
 */
const SECTORS: Readonly<Record<string, Readonly<Record<UiLanguage, string>>>> = {
  '11220': { fr: 'Enseignement primaire', en: 'Primary education' },
  '12220': { fr: 'Soins et services de santé de base', en: 'Basic health care' },
  '12230': { fr: 'Infrastructure pour la santé de base', en: 'Basic health infrastructure' },
  '12240': { fr: 'Nutrition de base', en: 'Basic nutrition' },
  '12250': { fr: 'Lutte contre les maladies infectieuses', en: 'Infectious disease control' },
  '12262': { fr: 'Lutte contre le paludisme', en: 'Malaria control' },
  '13020': { fr: 'Santé reproductive', en: 'Reproductive health care' },
  '14030': {
    fr: 'Distribution d’eau potable et assainissement de base',
    en: 'Basic drinking water supply and basic sanitation',
  },
  '14031': { fr: 'Distribution d’eau potable de base', en: 'Basic drinking water supply' },
  '14032': { fr: 'Assainissement de base', en: 'Basic sanitation' },
  '15160': { fr: 'Droits de la personne', en: 'Human rights' },
  '15180': {
    fr: 'Lutte contre la violence à l’égard des femmes et des filles',
    en: 'Ending violence against women and girls',
  },
  '15220': {
    fr: 'Consolidation de la paix civile, prévention et règlement des conflits',
    en: 'Civilian peace-building, conflict prevention and resolution',
  },
  '15240': { fr: 'Réintégration et contrôle des armes légères', en: 'Reintegration and SALW control' },
  '15250': {
    fr: 'Enlèvement des mines terrestres et des restes explosifs de guerre',
    en: 'Removal of land mines and explosive remnants of war',
  },
  '15261': {
    fr: 'Enfants soldats (prévention et démobilisation)',
    en: 'Child soldiers (prevention and demobilisation)',
  },
  '16010': { fr: 'Protection sociale', en: 'Social protection' },
  '16050': {
    fr: 'Aide plurisectorielle pour les services sociaux de base',
    en: 'Multisector aid for basic social services',
  },
  '31120': { fr: 'Développement agricole', en: 'Agricultural development' },
  '31150': { fr: 'Intrants agricoles', en: 'Agricultural inputs' },
  '31161': { fr: 'Production agricole alimentaire', en: 'Food crop production' },
  '31163': { fr: 'Élevage', en: 'Livestock' },
  '43072': { fr: 'Sécurité alimentaire des ménages', en: 'Household food security programmes' },
  '52010': { fr: 'Aide alimentaire', en: 'Food assistance' },
  '72010': {
    fr: 'Assistance matérielle et services d’urgence',
    en: 'Material relief assistance and services',
  },
  '72011': {
    fr: 'Services de santé de base en situation d’urgence',
    en: 'Basic health care services in emergencies',
  },
  '72012': { fr: 'Éducation en situation d’urgence', en: 'Education in emergencies' },
  '72040': { fr: 'Aide alimentaire d’urgence', en: 'Emergency food assistance' },
  '72050': {
    fr: 'Coordination de l’aide d’urgence et services de soutien',
    en: 'Relief co-ordination and support services',
  },
  '73010': {
    fr: 'Reconstruction et réhabilitation immédiates après l’urgence',
    en: 'Immediate post-emergency reconstruction and rehabilitation',
  },
  '74020': { fr: 'Préparation à la réponse multirisque', en: 'Multi-hazard response preparedness' },
};

/** « 72040 — Aide alimentaire d’urgence »; the code alone when it has no name here. */
export function sectorName(code: string, lang: UiLanguage): string {
  const name = SECTORS[code]?.[lang];
  return name ? `${code} — ${name}` : code;
}
