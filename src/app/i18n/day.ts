import type { UiLanguage } from '../../core/i18n/uiLanguages';

// Apart from format.ts: the public site imports it alone (see vite.config.ts, `publicShared`).

/**
 * A day as the interface language writes it, the same on every page: 5 janv. 2026 / Jan 5, 2026. A plain
 * `YYYY-MM-DD` is read in UTC, so the device's time zone never shifts it to the day before.
 */
export function day(iso: string, lang: UiLanguage): string {
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(plain ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: plain ? 'UTC' : undefined }).format(
    date,
  );
}
