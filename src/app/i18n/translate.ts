import type { UiLanguage } from '../../core/i18n/localized';
import { en } from './en';
import { fr } from './fr';
import type { Dictionary, MessageKey, Translate, Vars } from './types';

const DICTIONARIES: Record<UiLanguage, Dictionary> = { fr, en };

export function translator(lang: UiLanguage): Translate {
  const dictionary = DICTIONARIES[lang];
  return (key: MessageKey, vars?: Vars) => {
    const text = dictionary[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
