import { isCalendarDate } from '../records/iatiCodes';
import type { Period } from '../records/indicator';

/**
 * Reporting periods. Reports are bimonthly (Jan–Feb, Mar–Apr … Nov–Dec) and annual; both ends of a period
 * are included and written YYYY-MM-DD, so periods and dates compare as strings.
 */
export type PeriodKind = 'bimonthly' | 'annual';

/** What the UI needs to label a period in any language: "Mar–Apr 2026", « mars–avril 2026 », "2026". */
export interface PeriodLabel {
  kind: PeriodKind;
  year: number;
  /** 1-based: 1 for Jan–Feb … 6 for Nov–Dec; 1 for an annual period. */
  index: number;
  /** 1-based months, both included. */
  startMonth: number;
  endMonth: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function lastDayOfMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so the device's zone plays no part.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The bimonthly period `index` (1–6) of `year`. */
export function bimonthlyPeriod(year: number, index: number): Period {
  const startMonth = 2 * index - 1;
  const endMonth = startMonth + 1;
  return {
    start: `${pad(year, 4)}-${pad(startMonth)}-01`,
    end: `${pad(year, 4)}-${pad(endMonth)}-${pad(lastDayOfMonth(year, endMonth))}`,
  };
}

/** The six bimonthly periods of `year`, in order. */
export function bimonthlyPeriods(year: number): Period[] {
  return [1, 2, 3, 4, 5, 6].map((index) => bimonthlyPeriod(year, index));
}

export function annualPeriod(year: number): Period {
  return { start: `${pad(year, 4)}-01-01`, end: `${pad(year, 4)}-12-31` };
}

/** Every period of `kind` in `year`. */
export function periodsOf(kind: PeriodKind, year: number): Period[] {
  return kind === 'annual' ? [annualPeriod(year)] : bimonthlyPeriods(year);
}

/**
 * The calendar day of a date or date-time as written (`2026-03-05`, `2026-03-05T23:10:00Z`), or null if it
 * is neither. The wall-clock day the string states is kept, not converted to the device's zone: the same
 * submission must fall in the same period on every device and on the server (Mali is on UTC anyway). A day
 * the calendar lacks (`2026-02-31`, year 0000) is no date, as IsoDate refuses it: it would otherwise fall
 * in a period by string comparison.
 */
export function dayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:$|T)/.exec(value);
  if (!match) return null;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(day) ? day : null;
}

/** The period of `kind` a date (or date-time) falls in; null if it is not a date. */
export function periodOf(kind: PeriodKind, date: string): Period | null {
  const day = dayOf(date);
  if (day === null) return null;
  const year = Number(day.slice(0, 4));
  if (kind === 'annual') return annualPeriod(year);
  const month = Number(day.slice(5, 7));
  return bimonthlyPeriod(year, Math.ceil(month / 2));
}

/** Whether `day` (YYYY-MM-DD) is inside `period`, both ends included. */
export function inPeriod(period: Period, day: string): boolean {
  return period.start <= day && day <= period.end;
}

/** Whether `inner` lies entirely inside `outer`. */
export function periodWithin(inner: Period, outer: Period): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.start === b.start && a.end === b.end;
}

/** The label data of a standard period (bimonthly or annual); null for any other span (a custom target). */
export function periodLabel(period: Period): PeriodLabel | null {
  const year = Number(period.start.slice(0, 4));
  if (samePeriod(period, annualPeriod(year)))
    return { kind: 'annual', year, index: 1, startMonth: 1, endMonth: 12 };
  const startMonth = Number(period.start.slice(5, 7));
  if (startMonth % 2 === 1) {
    const index = (startMonth + 1) / 2;
    if (samePeriod(period, bimonthlyPeriod(year, index)))
      return { kind: 'bimonthly', year, index, startMonth, endMonth: startMonth + 1 };
  }
  return null;
}
