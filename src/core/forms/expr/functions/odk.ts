import { NodeSet, toBoolean, toNodeSet, toNumber, toString, type XValue } from '../values';
import { HASHES } from './hashes';
import { binary, eager, unary, type FunctionSpec, type FunctionTable } from './spec';

/**
 * ODK's functions beyond XPath 1.0 that few forms use (see the ODK XForms spec's function table): loaded
 * only by the forms that call them, through extra.ts (see lazy.ts).
 */

const math = (f: (x: number) => number): FunctionSpec => unary((v) => f(toNumber(v)));

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function base64(bytes: Uint8Array): string {
  let binaryText = '';
  for (const b of bytes) binaryText += String.fromCharCode(b);
  return btoa(binaryText);
}

/** digest(text, 'MD5' | 'SHA-1' | 'SHA-256', 'hex' | 'base64'?): base64 by default, as JavaRosa. */
const digest = eager(2, 3, ([src, algorithm, encoding]) => {
  const hash = HASHES[toString(algorithm ?? '').toUpperCase()];
  if (!hash) return '';
  const bytes = hash(utf8(toString(src ?? '')));
  const hex = toString(encoding ?? 'base64').toLowerCase() === 'hex';
  return hex ? Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') : base64(bytes);
});

/** base64-decode(b): the bytes read as UTF-8; '' when not base64 or not UTF-8 (as JavaRosa). */
const base64Decode = unary((v) => {
  try {
    const bytes = Uint8Array.from(atob(toString(v)), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return '';
  }
});

/** checklist(min, max, v…): how many v are true is within [min, max]; -1 means no bound. */
function checklist(weighted: boolean): FunctionSpec {
  return eager(2, Infinity, ([min, max, ...rest]) => {
    let total = 0;
    const flat = rest.flatMap((v) => (v instanceof NodeSet ? v.items : [v]));
    const step = weighted ? 2 : 1;
    for (let i = 0; i < flat.length; i += step) {
      const v = flat[i];
      if (v !== undefined && toBoolean(v)) total += weighted ? toNumber(flat[i + 1] ?? NaN) : 1;
    }
    const lo = toNumber(min ?? -1);
    const hi = toNumber(max ?? -1);
    return (lo < 0 || total >= lo) && (hi < 0 || total <= hi);
  });
}

/** translate(s, from, to): each character of `from` in s replaced by the one at its index in `to`, or dropped. */
const translate = eager(3, 3, ([s, from, to]) => {
  const f = [...toString(from ?? '')];
  const t = [...toString(to ?? '')];
  return [...toString(s ?? '')]
    .map((c) => {
      const i = f.indexOf(c);
      return i < 0 ? c : (t[i] ?? '');
    })
    .join('');
});

const MODULUS = 2147483647;

/**
 * JavaRosa's seed: a number is truncated to a long; text that is not a number is hashed (SHA-256, the first
 * 8 bytes as a signed long), as JavaRosa does since v3. Java converts the long to a double before `%`.
 */
function seedOf(value: XValue): number {
  const n = toNumber(value);
  if (!Number.isNaN(n)) return Math.trunc(n);
  const text = toString(value);
  if (text === '') return 0;
  const digestBytes = HASHES['SHA-256']?.(utf8(text)) ?? new Uint8Array(8);
  return Number(new DataView(digestBytes.buffer).getBigInt64(0));
}

/**
 * randomize(nodes, seed?): the members in a shuffled order. With a seed, JavaRosa's exact order: the
 * "inside-out" Fisher–Yates with a Park–Miller generator (multiplier 16807, modulus 2^31 − 1), so a seeded
 * shuffle gives the same order here as in ODK Collect.
 */
export function shuffle<T>(items: readonly T[], seed?: number): T[] {
  let state = seed === undefined ? 0 : seed % MODULUS;
  if (seed !== undefined && state <= 0) state += MODULUS - 1;
  const next = (): number => {
    if (seed === undefined) return Math.random();
    state = (state * 16807) % MODULUS;
    return (state - 1) / (MODULUS - 1);
  };
  const out: T[] = [];
  items.forEach((item, i) => {
    const j = Math.trunc(next() * (i + 1));
    if (j !== i) out[i] = out[j] as T;
    out[j] = item;
  });
  return out;
}

const randomize: FunctionSpec = {
  min: 1,
  max: 2,
  nodeSetFrom: 0,
  build: ([nodes, seed]) => {
    if (!nodes) return () => new NodeSet([]);
    return (ctx) => {
      const items = toNodeSet(nodes(ctx)).items;
      const s = seed?.(ctx);
      return new NodeSet(
        shuffle(items, s === undefined ? undefined : seedOf(s instanceof NodeSet ? (s.items[0] ?? '') : s)),
      );
    };
  },
};

/** decimal-time('HH:MM:SS…'): the time of day as a fraction of a day; NaN if not a time. */
const decimalTime = unary((v) => {
  const m = /^(\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?/.exec(toString(v).trim());
  if (!m) return NaN;
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) / 86400;
});

export const odkFunctions: FunctionTable = {
  digest,
  'base64-decode': base64Decode,
  checklist: checklist(false),
  'weighted-checklist': checklist(true),
  'boolean-from-string': unary((v) => {
    const s = toString(v);
    return s === 'true' || s === '1';
  }),
  'substring-before': binary((a, b) => {
    const s = toString(a);
    const i = s.indexOf(toString(b));
    return i < 0 ? '' : s.slice(0, i);
  }),
  'substring-after': binary((a, b) => {
    const s = toString(a);
    const t = toString(b);
    const i = s.indexOf(t);
    return i < 0 ? '' : s.slice(i + t.length);
  }),
  translate,
  randomize,
  'decimal-time': decimalTime,
  random: { min: 0, max: 0, build: () => () => Math.random() },
  pi: { min: 0, max: 0, build: () => () => Math.PI },
  sqrt: math(Math.sqrt),
  exp: math(Math.exp),
  exp10: math((x) => 10 ** x),
  log: math(Math.log),
  log10: math(Math.log10),
  sin: math(Math.sin),
  cos: math(Math.cos),
  tan: math(Math.tan),
  asin: math(Math.asin),
  acos: math(Math.acos),
  atan: math(Math.atan),
  atan2: binary((y, x) => Math.atan2(toNumber(y), toNumber(x))),
};
