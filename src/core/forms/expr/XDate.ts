export const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A date or date-time as ODK's XPath sees it: a number of days since 1970-01-01, fractional for times of
 * day, counted in local wall-clock time (so 2026-11-23 is 20780 wherever the device is). `wall` is that
 * wall-clock time in milliseconds, read with the UTC getters of `new Date(wall)`; `offsetMinutes` is the
 * zone the wall clock was in (east positive), kept only to print date-times the way ODK does.
 */
export class XDate {
  constructor(
    readonly wall: number,
    readonly offsetMinutes: number,
    readonly dateOnly: boolean,
  ) {}

  get days(): number {
    return this.wall / DAY_MS;
  }

  /** A moment on this device: its local wall-clock time. */
  static fromInstant(ms: number): XDate {
    const offset = -new Date(ms).getTimezoneOffset();
    return new XDate(ms + offset * 60_000, offset, false);
  }

  /** ODK's `date(number)`: the calendar day that many days after 1970-01-01 (fractions dropped). */
  static fromDays(days: number): XDate | undefined {
    if (!Number.isFinite(days)) return undefined;
    return new XDate(Math.floor(days) * DAY_MS, 0, true);
  }

  /** The calendar day of this moment (today() from now()). */
  toDay(): XDate {
    return new XDate(Math.floor(this.wall / DAY_MS) * DAY_MS, 0, true);
  }

  toString(): string {
    const d = new Date(this.wall);
    const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (this.dateOnly) return date;
    const off = Math.abs(this.offsetMinutes);
    const sign = this.offsetMinutes < 0 ? '-' : '+';
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    return `${date}T${time}.${pad(d.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
  }
}

function validDay(y: number, m: number, d: number): number | undefined {
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  return check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? ms : undefined;
}

function offsetMinutesOf(zone: string): number {
  if (zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

/**
 * Reads the answer formats of date and dateTime questions: `YYYY-MM-DD`, and ISO date-times with or
 * without seconds, fraction and zone. A date-time with a zone is a moment, shown in the device's zone; one
 * without is read as local wall-clock time. Anything else (including impossible days) is undefined.
 */
export function parseDateString(text: string): XDate | undefined {
  const s = text.trim();
  const dateOnly = DATE_ONLY.exec(s);
  if (dateOnly) {
    const ms = validDay(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
    return ms === undefined ? undefined : new XDate(ms, 0, true);
  }
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const [hours, minutes, seconds] = [Number(m[4]), Number(m[5]), Number(m[6] ?? '0')];
  if (day === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const millis = Math.round(Number(m[7] ?? '0') * 1000);
  const wall = day + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  if (m[8] === undefined) {
    const guess = XDate.fromInstant(wall);
    return new XDate(wall, guess.offsetMinutes, false);
  }
  return XDate.fromInstant(wall - offsetMinutesOf(m[8]) * 60_000);
}
