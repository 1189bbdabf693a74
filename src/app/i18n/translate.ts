import type { UiLanguage } from '../../core/i18n/uiLanguages';
import type { Dictionary, MessageKey, Translate, Vars } from './types';

/**
 * Each language's strings load on first use (from the precache when offline), before the first screen: an
 * agent downloads one language's strings, never both, which keeps the JavaScript budget (GUIDE §4).
 */
const DICTIONARIES: Partial<Record<UiLanguage, Dictionary>> = {};
/** Strings of lazily loaded pages, registered by pageStrings.ts and the like when those pages load. */
const PAGE_DICTIONARIES: Partial<Record<UiLanguage, Record<string, string>>> = {};

export function registerPageStrings(strings: Record<UiLanguage, Record<string, string>>): void {
  for (const lang of Object.keys(strings) as UiLanguage[])
    PAGE_DICTIONARIES[lang] = { ...PAGE_DICTIONARIES[lang], ...strings[lang] };
}

export function hasDictionary(lang: UiLanguage): boolean {
  return DICTIONARIES[lang] !== undefined;
}

export async function loadDictionary(lang: UiLanguage): Promise<void> {
  if (DICTIONARIES[lang]) return;
  if (lang === 'en') DICTIONARIES.en = (await import('./en')).en;
  else DICTIONARIES.fr = (await import('./fr')).fr;
}

export function translator(lang: UiLanguage): Translate {
  const dictionary: Partial<Dictionary> = DICTIONARIES[lang] ?? DICTIONARIES.fr ?? {};
  return (key: MessageKey, vars?: Vars) => {
    const text =
      (dictionary as Record<string, string | undefined>)[key] ??
      PAGE_DICTIONARIES[lang]?.[key] ??
      PAGE_DICTIONARIES.fr?.[key] ??
      key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
