import type { UiLanguage } from '../../core/i18n/uiLanguages';

/**
 * The interface language of `npm run forms`, from the POSIX locale variables in their order of precedence
 * (LC_ALL, LC_MESSAGES, LANG): French for `fr_FR.UTF-8` and the like, English otherwise.
 */
export function cliLanguage(env: Record<string, string | undefined>): UiLanguage {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr(?:[_.@-]|$)/i.test(locale) ? 'fr' : 'en';
}

/** The form took longer than `seconds` to read and convert: the reader was stopped. */
export const TIME_LIMIT_MESSAGE: Record<UiLanguage, (file: string, seconds: number) => string> = {
  fr: (file, seconds) =>
    `${file} : la lecture a pris plus de ${seconds} s et a été arrêtée. Vérifiez que le fichier est bien ` +
    `un XLSForm (.xlsx, .xls ou .csv) ; si c'est le cas, enregistrez-le à nouveau depuis Excel ou ` +
    `LibreOffice et réessayez.`,
  en: (file, seconds) =>
    `${file}: reading took longer than ${seconds} s and was stopped. Check that the file is an XLSForm ` +
    `(.xlsx, .xls or .csv); if it is, save it again from Excel or LibreOffice and try again.`,
};
