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
  notATime: string;
  notADateTime: string;
  geotrace: string;
  geoshape: string;
  acknowledge: string;
  /** A rank answer that is not an ordering of every choice, each once. */
  rank: string;
  /** A failing constraint without its own constraint_message. */
  constraint: string;
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
    notATime: 'Saisissez une heure valide (HH:MM).',
    notADateTime: 'Saisissez une date et une heure valides.',
    geotrace: 'Une ligne demande au moins 2 points.',
    geoshape: 'Une zone demande au moins 3 points.',
    acknowledge: 'Cochez pour confirmer.',
    rank: 'Classez tous les choix, chacun une fois.',
    constraint: "Cette réponse n'est pas valide.",
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
    notATime: 'Enter a valid time (HH:MM).',
    notADateTime: 'Enter a valid date and time.',
    geotrace: 'A line needs at least 2 points.',
    geoshape: 'An area needs at least 3 points.',
    acknowledge: 'Tick to confirm.',
    rank: 'Rank every choice, each once.',
    constraint: 'This answer is not valid.',
  },
};

export function formMessages(lang: string): FormMessages {
  return lang === 'fr' ? FORM_MESSAGES.fr : FORM_MESSAGES.en;
}
