import type { UiLanguage } from './uiLanguages';

/**
 * A date typed as three labelled parts (day, month, year) in the order of the interface language, so that
 * no browser setting decides what 05/01 means: a French agent on a tablet set to English types the day in
 * the field labelled "Jour" whatever the tablet's language. The answer stays ISO 8601 (`2026-01-05`).
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}
export type DatePart = keyof DateParts;

/** How each language writes a date: 5 janv. 2026, Jan 5, 2026. */
export const PART_ORDER: Record<UiLanguage, DatePart[]> = {
  fr: ['day', 'month', 'year'],
  en: ['month', 'day', 'year'],
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** What partsToDate keeps of an incomplete or impossible date: its parts as typed. */
const TYPED = /^(\d*)-(\d*)-(\d*)$/;

/** True for a real calendar day written `YYYY-MM-DD` (no 2026-02-31). */
export function isRealDate(value: string): boolean {
  const match = ISO.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The answer for the parts: undefined when all are empty, `YYYY-MM-DD` for a real day, else the parts as typed
 * (`2026-2-31`), which is not a date, so the form says so as it is typed and keeps what the agent wrote.
 */
export function partsToDate({ day, month, year }: DateParts): string | undefined {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return undefined;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return /^\d{4}$/.test(y) && /^\d{1,2}$/.test(m) && /^\d{1,2}$/.test(d) && isRealDate(iso)
    ? iso
    : `${y}-${m}-${d}`;
}

/** The parts of an answer (ISO or as typed); empty parts for anything else. */
export function dateToParts(value: unknown): DateParts {
  const match = typeof value === 'string' ? (ISO.exec(value) ?? TYPED.exec(value)) : null;
  if (!match) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = match.slice(1);
  // The month is picked from a list of names (values 1 to 12), the day shown as typed: no leading zero.
  const trim = (s: string) => s.replace(/^0+(?=\d)/, '');
  return { day: trim(day), month: trim(month), year };
}
