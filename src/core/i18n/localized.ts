import { z } from 'zod/mini';

export { UI_LANGUAGES, type UiLanguage } from './uiLanguages';

/** Text in several languages, keyed by a BCP 47 language code such as `fr` or `en`. */
export const LocalizedText = z.record(z.string().check(z.minLength(2), z.maxLength(35)), z.string());
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The text in `lang`, else in `fallback`, else in any language present, else ''. */
export function pickText(text: LocalizedText | undefined, lang: string, fallback = 'en'): string {
  if (!text) return '';
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}
