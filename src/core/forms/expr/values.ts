import { parseDateString, XDate } from './XDate';

/** A single value: XPath's string, number and boolean, plus ODK's date. */
export type XScalar = string | number | boolean | XDate;

/**
 * XPath's node-set, reduced to what forms need: the values of one field across repeat instances, in order.
 * Resolvers may return `nodeSet(values)` to say so explicitly (see README: plain arrays of strings are read
 * as select_multiple answers outside aggregate functions).
 */
export class NodeSet {
  constructor(readonly items: readonly XScalar[]) {}
}

export type XValue = XScalar | NodeSet;

export function nodeSet(values: readonly unknown[]): NodeSet {
  return new NodeSet(values.map(scalarFromAnswer));
}

interface Geopoint {
  latitude: number;
  longitude: number;
  altitude?: number;
  accuracy?: number;
}

function isGeopoint(raw: object): raw is Geopoint {
  const g = raw as Partial<Geopoint>;
  return typeof g.latitude === 'number' && typeof g.longitude === 'number';
}

/** One answer as a single value: select_multiple arrays become ODK's space-separated string. */
export function scalarFromAnswer(raw: unknown): XScalar {
  switch (typeof raw) {
    case 'string':
    case 'number':
    case 'boolean':
      return raw;
    case 'object':
      if (raw === null) return '';
      if (raw instanceof XDate) return raw;
      if (raw instanceof NodeSet) return raw.items[0] ?? '';
      if (Array.isArray(raw)) return raw.map((v) => toString(scalarFromAnswer(v))).join(' ');
      if (raw instanceof Date) return XDate.fromInstant(raw.getTime());
      if (isGeopoint(raw)) {
        const parts = [raw.latitude, raw.longitude, raw.altitude ?? 0, raw.accuracy ?? 0];
        return parts.map(numberToString).join(' ');
      }
      return '';
    default:
      return '';
  }
}

/**
 * A resolved `${field}` in an ordinary position. Unanswered (undefined) is ''. An array of strings is a
 * select_multiple answer; any other array is a node-set (repeat values).
 */
export function fromAnswer(raw: unknown): XValue {
  if (raw instanceof NodeSet) return raw;
  if (Array.isArray(raw) && !raw.every((v) => typeof v === 'string')) return nodeSet(raw);
  return scalarFromAnswer(raw);
}

/** A resolved `${field}` as the argument of sum, count, max, min, join…: every array is a node-set. */
export function nodeSetFromAnswer(raw: unknown): NodeSet {
  if (raw instanceof NodeSet) return raw;
  if (Array.isArray(raw)) return nodeSet(raw);
  return new NodeSet([scalarFromAnswer(raw)]);
}

export function toNodeSet(value: XValue): NodeSet {
  return value instanceof NodeSet ? value : new NodeSet([value]);
}

/** XPath boolean(): non-empty string, number other than 0 and NaN, non-empty node-set; dates are true. */
export function toBoolean(value: XValue): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'string':
      return value.length > 0;
    default:
      return value instanceof NodeSet ? value.items.length > 0 : true;
  }
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** XPath's Number production, trimmed: `-`? digits (`.` digits?)? — no `+`, exponent, hex or Infinity. */
function parseXPathNumber(s: string): number {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  let i = start;
  if (s.charCodeAt(i) === 45) i++;
  const intStart = i;
  while (i < end && isDigitCode(s.charCodeAt(i))) i++;
  let digits = i - intStart;
  if (i < end && s.charCodeAt(i) === 46) {
    const fracStart = ++i;
    while (i < end && isDigitCode(s.charCodeAt(i))) i++;
    digits += i - fracStart;
  }
  if (digits === 0 || i !== end) return NaN;
  return Number(s.slice(start, end));
}

/**
 * XPath number(). Dates count days since 1970-01-01; so do strings in date or date-time form, because in
 * ODK a date question's value is a typed date while our answers arrive as 'YYYY-MM-DD' strings.
 */
export function toNumber(value: XValue): number {
  switch (typeof value) {
    case 'number':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'string': {
      const n = parseXPathNumber(value);
      if (!Number.isNaN(n) || value.length < 10) return n;
      return parseDateString(value)?.days ?? NaN;
    }
    default:
      if (value instanceof XDate) return value.days;
      return value.items[0] === undefined ? NaN : toNumber(value.items[0]);
  }
}

/** Writes a number without exponent, as XPath does: 1e21 → '1000000000000000000000', 1e-7 → '0.0000001'. */
/** A finite number written out without an exponent (1e21 → '1000000000000000000000'). */
export function plainDecimal(n: number): string {
  if (!String(n).includes('e')) return String(n);
  const [mantissa = '', exp = '0'] = String(n).split('e');
  const negative = mantissa.startsWith('-');
  const [int = '', frac = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const digits = int + frac;
  const point = int.length + Number(exp);
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

/** XPath string() of a number: integers without '.0', 'NaN', 'Infinity', '-Infinity', no exponent. */
export function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === 0) return '0';
  const s = String(n);
  return Number.isFinite(n) && s.includes('e') ? plainDecimal(n) : s;
}

/** XPath string(): numbers as above, booleans 'true'/'false', dates as ODK writes them. */
export function toString(value: XValue): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return numberToString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value instanceof XDate) return value.toString();
      return value.items[0] === undefined ? '' : toString(value.items[0]);
  }
}
