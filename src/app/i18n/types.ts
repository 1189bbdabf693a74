import type { UiLanguage } from '../../core/i18n/localized';
import type { fr } from './fr';

/** Every interface string key; the French dictionary defines the set. */
export type MessageKey = keyof typeof fr;
export type Dictionary = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface I18nValue {
  lang: UiLanguage;
  setLang: (lang: UiLanguage) => void;
  t: Translate;
}
