import type { UiLanguage } from '../../../core/i18n/uiLanguages';
import { days } from '../../i18n/format';
import { periodLabel } from '../../../core/indicators/periods';
import type { Period } from '../../../core/records/indicator';

/** A month's name in the UI language; UTC so the device's zone never shifts it to the month before. */
function monthName(month: number, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, 1)),
  );
}

/** « mars–avril 2026 », "March–April 2026", "2026"; any other span as its two dates. */
export function periodName(period: Period, lang: UiLanguage): string {
  const label = periodLabel(period);
  if (!label) return days(period.start, period.end, lang);
  if (label.kind === 'annual') return String(label.year);
  return `${monthName(label.startMonth, lang)}–${monthName(label.endMonth, lang)} ${label.year}`;
}

/** A value as the language writes numbers (1 234,5 / 1,234.5), at most two decimals. */
export function formatNumber(value: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

/** Progress (1 = the target) as a whole percentage: 0.845 → 85 %. */
export function formatProgress(progress: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(progress);
}
