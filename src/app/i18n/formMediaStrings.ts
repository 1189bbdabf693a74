import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of a form's media (images, sounds, videos of its labels): they load with that code, only in
 * forms that have media, off the field agent's start-up JavaScript (see pageStrings.ts). French defines
 * the keys.
 */
export const formMediaFr = {
  'formMedia.downloading':
    'Les images et sons de ce formulaire sont en cours de téléchargement : synchronisez pour les voir.',
  'formMedia.notAttached': '{name} n’est pas joint : les appareils afficheront le texte sans lui.',
  'formMedia.enlarge': 'Agrandir l’image',
};

const formMediaEn: Record<keyof typeof formMediaFr, string> = {
  'formMedia.downloading': 'This form’s images and sounds are still downloading: sync to see them.',
  'formMedia.notAttached': '{name} is not attached: devices will show the text without it.',
  'formMedia.enlarge': 'Enlarge the image',
};

const FORM_MEDIA_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: formMediaFr, en: formMediaEn };
registerPageStrings(FORM_MEDIA_STRINGS);
