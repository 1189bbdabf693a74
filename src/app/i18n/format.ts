import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { day } from './day';

export { day };

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "il y a 5 minutes", "in 30 seconds", "yesterday"… */
export function relativeTime(iso: string | number | Date, lang: UiLanguage, now = Date.now()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  let amount = (time - now) / 1000;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return format.format(Math.round(amount), 'year');
}

/** From one day to another: 1 janv. 2026 – 30 juin 2026. */
export const days = (start: string, end: string, lang: UiLanguage): string =>
  `${day(start, lang)} – ${day(end, lang)}`;

/** A day and time, as `day` writes the day: 5 janv. 2026, 14:05 / Jan 5, 2026, 2:05 PM. */
export function dateTime(iso: string | number | Date, lang: UiLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function bytes(value: number, lang: UiLanguage): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let amount = value;
  let i = 0;
  while (amount >= 1000 && i < units.length - 1) {
    amount /= 1000;
    i += 1;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: amount < 10 && i > 0 ? 1 : 0,
  }).format(amount);
}
