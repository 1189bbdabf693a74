import type { UiLanguage } from '../i18n/localized';

/** Validation messages for form answers, in each interface language. */
export interface FormMessages {
  required: string;
  notANumber: string;
  notAnInteger: string;
  min: (min: number) => string;
  max: (max: number) => string;
  notADate: string;
  unknownChoice: string;
  latitude: string;
  longitude: string;
  text: string;
}

export const FORM_MESSAGES: Record<UiLanguage, FormMessages> = {
  fr: {
    required: 'Cette question est obligatoire.',
    notANumber: 'Saisissez un nombre.',
    notAnInteger: 'Saisissez un nombre entier.',
    min: (min) => `La valeur doit être supérieure ou égale à ${min}.`,
    max: (max) => `La valeur doit être inférieure ou égale à ${max}.`,
    notADate: 'Saisissez une date valide (AAAA-MM-JJ).',
    unknownChoice: 'Choix non valide.',
    latitude: 'La latitude doit être comprise entre -90 et 90.',
    longitude: 'La longitude doit être comprise entre -180 et 180.',
    text: 'Saisissez du texte.',
  },
  en: {
    required: 'This question is required.',
    notANumber: 'Enter a number.',
    notAnInteger: 'Enter a whole number.',
    min: (min) => `The value must be at least ${min}.`,
    max: (max) => `The value must be at most ${max}.`,
    notADate: 'Enter a valid date (YYYY-MM-DD).',
    unknownChoice: 'Not a valid choice.',
    latitude: 'Latitude must be between -90 and 90.',
    longitude: 'Longitude must be between -180 and 180.',
    text: 'Enter text.',
  },
};

export function formMessages(lang: string): FormMessages {
  return lang === 'fr' ? FORM_MESSAGES.fr : FORM_MESSAGES.en;
}
