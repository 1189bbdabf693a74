import { UI_LANGUAGES, type UiLanguage } from '../../core/i18n/uiLanguages';

const STORAGE_KEY = 'terrain.lang';

function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** French when the browser prefers French (before any English), else English. */
export function preferredLanguage(languages: readonly string[] = navigator.languages ?? []): UiLanguage {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr') return 'fr';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** The language chosen earlier on this device, else the browser's preference. */
export function initialLanguage(): UiLanguage {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isUiLanguage(stored)) return stored;
  } catch {
    // Storage can be unavailable (private mode): fall back to the browser's preference.
  }
  return preferredLanguage();
}

export function storeLanguage(lang: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not fatal: the choice simply will not survive a reload.
  }
}
