import { z } from 'zod/mini';

export { UI_LANGUAGES, type UiLanguage } from './uiLanguages';
export { pickText } from './pickText';

/** Text in several languages, keyed by a BCP 47 language code such as `fr` or `en`. */
export const LocalizedText = z.record(z.string().check(z.minLength(2), z.maxLength(35)), z.string());
export type LocalizedText = z.infer<typeof LocalizedText>;
