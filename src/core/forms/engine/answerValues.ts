import type { Question } from '../definition';
import { toNumber, toString, XDate, type XValue } from '../expr';
import type { FormEngineOptions } from './FormEngine';

/** No answer: what a cleared input gives (as answersSchema reads it). */
export function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** ODK's `lat lon alt acc` text as a stored geopoint object (unchecked: answersSchema checks ranges). */
export function geopoint(text: string): unknown {
  const [latitude, longitude, altitude, accuracy] = text.trim().split(/\s+/).map(Number);
  if (latitude === undefined || longitude === undefined || !Number.isFinite(latitude + longitude))
    return undefined;
  return {
    latitude,
    longitude,
    ...(altitude !== undefined && Number.isFinite(altitude) ? { altitude } : {}),
    ...(accuracy !== undefined && Number.isFinite(accuracy) ? { accuracy } : {}),
  };
}

/**
 * A computed value (calculation or expression default) in the question's canonical answer type, or
 * undefined for no answer. Decisions: a calculate keeps a number as a number and writes anything else as
 * its XPath string; NaN and infinities are no answer (answersSchema refuses them, ODK would write "NaN");
 * an integer question truncates, as JavaRosa casts; a date question turns a day count or date-time into a
 * date; a select_multiple splits on spaces.
 */
export function toAnswer(question: Question, value: XValue): unknown {
  switch (question.type) {
    case 'calculate':
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      break;
    case 'integer':
    case 'decimal':
    case 'range': {
      const n = toNumber(value);
      if (!Number.isFinite(n)) return undefined;
      return question.type === 'integer' ? Math.trunc(n) : n;
    }
    case 'date': {
      if (value instanceof XDate) return value.toDay().toString();
      if (typeof value === 'number') return XDate.fromDays(value)?.toString();
      break;
    }
    case 'select_multiple':
    case 'rank': {
      const names = toString(value).trim();
      return names === '' ? undefined : names.split(/\s+/);
    }
    case 'geopoint':
      return geopoint(toString(value));
    default:
      break;
  }
  const text = toString(value);
  return text === '' ? undefined : text;
}

/** A literal default (XLSForm's `default` column without expression) in the answer type. */
export function staticDefault(question: Question, text: string): unknown {
  switch (question.type) {
    case 'integer':
    case 'decimal':
    case 'range':
    case 'calculate': {
      const n = text.trim() === '' ? NaN : Number(text);
      if (Number.isFinite(n)) return question.type === 'integer' ? Math.trunc(n) : n;
      return question.type === 'calculate' ? text : undefined;
    }
    case 'select_multiple':
    case 'rank':
      return text.trim() === '' ? undefined : text.trim().split(/\s+/);
    case 'geopoint':
      return geopoint(text);
    default:
      return text === '' ? undefined : text;
  }
}

/** A moment as ODK's start and end write it: local ISO date-time with milliseconds and offset. */
export function timestamp(now: () => Date): string {
  return XDate.fromInstant(now().getTime()).toString();
}

/** XLSForm's `end`: a hidden question finalizing fills with the time it finalizes (see finalize.ts). */
export const isEndMeta = (question: Question): boolean =>
  question.type === 'hidden' && question.appearance === 'meta:end';

/**
 * The value of a hidden meta question when the draft or instance is created (XLSForm's start, today,
 * deviceid, username), if it is one. `end` is filled at finalize instead.
 */
export function metaValue(question: Question, options: FormEngineOptions, now: () => Date): unknown {
  if (question.type !== 'hidden') return undefined;
  switch (question.appearance) {
    case 'meta:start':
      return timestamp(now);
    case 'meta:today':
      return XDate.fromInstant(now().getTime()).toDay().toString();
    case 'meta:deviceid':
      return options.deviceId;
    case 'meta:username':
      return options.username;
    default:
      return undefined;
  }
}
