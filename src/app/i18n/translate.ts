import type { UiLanguage } from '../../core/i18n/localized';
import { fr } from './fr';
import type { Dictionary, MessageKey, Translate, Vars } from './types';

/**
 * French is built in (it defines the keys, and it is the field's language in the Sahel); English loads on
 * first use, from the precache when offline. An agent thus downloads one language's strings, not both,
 * which keeps the JavaScript budget (GUIDE §4).
 */
const DICTIONARIES: Partial<Record<UiLanguage, Dictionary>> = { fr };

export function hasDictionary(lang: UiLanguage): boolean {
  return DICTIONARIES[lang] !== undefined;
}

export async function loadDictionary(lang: UiLanguage): Promise<void> {
  if (DICTIONARIES[lang]) return;
  if (lang === 'en') DICTIONARIES.en = (await import('./en')).en;
}

export function translator(lang: UiLanguage): Translate {
  const dictionary = DICTIONARIES[lang] ?? fr;
  return (key: MessageKey, vars?: Vars) => {
    const text = dictionary[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
