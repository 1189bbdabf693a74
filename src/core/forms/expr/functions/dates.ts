import type { EvalContext } from '../context';
import { NodeSet, toNumber, toString, type XValue } from '../values';
import { DAY_MS, parseDateString, XDate } from '../XDate';
import { binary, unary, type FunctionSpec, type FunctionTable } from './spec';

/** A value read as a date: dates as they are, date strings parsed, numbers as days since 1970-01-01. */
export function toXDate(value: XValue): XDate | undefined {
  if (value instanceof XDate) return value;
  if (value instanceof NodeSet) return value.items[0] === undefined ? undefined : toXDate(value.items[0]);
  if (typeof value === 'string') {
    const parsed = parseDateString(value);
    if (parsed || value.trim() === '') return parsed;
  }
  if (typeof value === 'boolean') return undefined;
  const days = toNumber(value);
  return Number.isFinite(days) ? new XDate(days * DAY_MS, 0, Number.isInteger(days)) : undefined;
}

const clock = (ctx: EvalContext): Date => (ctx.now ? ctx.now() : new Date());

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * ODK's format-date / format-date-time specifiers: %Y year, %y two-digit year, %m month 01-12, %n month
 * 1-12, %b month name, %d day 01-31, %e day 1-31, %a weekday name, %H hour 00-23, %h hour 0-23, %M minute,
 * %S second, %3 milliseconds. Names are English abbreviations (ODK uses the device locale; we keep the
 * result stable for calculations that are compared or exported). Any other %x writes x.
 */
export function formatDate(date: XDate, format: string): string {
  const d = new Date(date.wall);
  const parts: Record<string, () => string> = {
    Y: () => pad(d.getUTCFullYear(), 4),
    y: () => pad(d.getUTCFullYear() % 100),
    m: () => pad(d.getUTCMonth() + 1),
    n: () => String(d.getUTCMonth() + 1),
    b: () => MONTHS[d.getUTCMonth()] ?? '',
    d: () => pad(d.getUTCDate()),
    e: () => String(d.getUTCDate()),
    a: () => WEEKDAYS[d.getUTCDay()] ?? '',
    H: () => pad(d.getUTCHours()),
    h: () => String(d.getUTCHours()),
    M: () => pad(d.getUTCMinutes()),
    S: () => pad(d.getUTCSeconds()),
    '3': () => pad(d.getUTCMilliseconds(), 3),
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format.charAt(i);
    if (c !== '%' || i === format.length - 1) {
      out += c;
      continue;
    }
    const spec = format.charAt(++i);
    out += parts[spec]?.() ?? spec;
  }
  return out;
}

const formatDateFunction: FunctionSpec = binary((value, format) => {
  const date = toXDate(value);
  return date ? formatDate(date, toString(format)) : '';
});

export const dateFunctions: FunctionTable = {
  today: { min: 0, max: 0, build: () => (ctx) => XDate.fromInstant(clock(ctx).getTime()).toDay() },
  now: { min: 0, max: 0, build: () => (ctx) => XDate.fromInstant(clock(ctx).getTime()) },
  /** date(value): a calendar day from a date string, a date-time or a number of days; '' if not a date. */
  date: unary((value) => toXDate(value)?.toDay() ?? ''),
  /** decimal-date-time(value): days since 1970-01-01 with the time of day as a fraction; NaN if not a date. */
  'decimal-date-time': unary((value) => toXDate(value)?.days ?? NaN),
  'format-date': formatDateFunction,
  'format-date-time': formatDateFunction,
};
