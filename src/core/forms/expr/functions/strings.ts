import type { Node } from '../ast';
import type { Thunk } from '../context';
import { NodeSet, toNumber, toString, type XValue } from '../values';
import { binary, currentOrOne, eager, type FunctionSpec, type FunctionTable } from './spec';

/** concat() writes every member of a node-set argument, as JavaRosa does. */
function concatPart(value: XValue): string {
  return value instanceof NodeSet ? value.items.map(toString).join('') : toString(value);
}

/** ODK's substr(string, start, end?): 0-based start, end exclusive, both clamped to the string. */
function substr(values: XValue[]): XValue {
  const s = toString(values[0] ?? '');
  const start = Math.trunc(toNumber(values[1] ?? NaN));
  const end = values[2] === undefined ? s.length : Math.trunc(toNumber(values[2]));
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  return s.slice(Math.max(0, start), Math.max(0, end));
}

const XPATH_SPACES = /[ \t\r\n]+/g;
const EDGE_SPACE = /^ | $/g;

const MAX_CACHED_PATTERNS = 200;
const patterns = new Map<string, RegExp | null>();

/**
 * ODK's regex(value, pattern) is a search, not a full match (forms anchor with ^ and $ themselves). Patterns
 * are Java regexes in ODK; JavaScript's syntax is close enough for what forms use. Compiled once per pattern:
 * at compile time for a literal, else through a small cache. An invalid pattern never matches.
 */
export function compilePattern(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re !== undefined) return re;
  try {
    re = new RegExp(pattern);
  } catch {
    re = null;
  }
  if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
  patterns.set(pattern, re);
  return re;
}

const regex: FunctionSpec = {
  min: 2,
  max: 2,
  build: ([value, pattern], nodes: readonly Node[]): Thunk => {
    const literal = nodes[1]?.type === 'string' ? compilePattern(nodes[1].value) : undefined;
    if (!value || !pattern) return () => false;
    if (literal !== undefined) return (ctx) => literal !== null && literal.test(toString(value(ctx)));
    return (ctx) => {
      const re = compilePattern(toString(pattern(ctx)));
      return re !== null && re.test(toString(value(ctx)));
    };
  },
};

export const stringFunctions: FunctionTable = {
  concat: eager(1, Infinity, (values) => values.map(concatPart).join('')),
  string: currentOrOne(toString),
  'string-length': currentOrOne((v) => toString(v).length),
  'normalize-space': currentOrOne((v) => toString(v).replace(XPATH_SPACES, ' ').replace(EDGE_SPACE, '')),
  substr: eager(2, 3, substr),
  contains: binary((a, b) => toString(a).includes(toString(b))),
  'starts-with': binary((a, b) => toString(a).startsWith(toString(b))),
  'ends-with': binary((a, b) => toString(a).endsWith(toString(b))),
  regex,
};
