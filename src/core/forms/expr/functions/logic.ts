import { toBoolean, toNumber, toString } from '../values';
import { readCurrent, unary, type FunctionSpec, type FunctionTable } from './spec';

/** if(condition, then, else): only the chosen branch is evaluated. */
const ifFunction: FunctionSpec = {
  min: 3,
  max: 3,
  build: ([condition, then, otherwise]) => {
    if (!condition || !then || !otherwise) return () => '';
    return (ctx) => (toBoolean(condition(ctx)) ? then(ctx) : otherwise(ctx));
  },
};

/** coalesce(a, b): a unless its string is empty, else b (evaluated only then). */
const coalesce: FunctionSpec = {
  min: 2,
  max: 2,
  build: ([a, b]) => {
    if (!a || !b) return () => '';
    return (ctx) => {
      const first = a(ctx);
      return toString(first) !== '' ? first : b(ctx);
    };
  },
};

/**
 * once(x): the question's current value if it has one, else x. Used in calculations so that a value such as
 * uuid() or now() is fixed at the first evaluation: the engine stores the result as the answer, and every
 * later evaluation returns it without computing x again.
 */
const once: FunctionSpec = {
  min: 1,
  max: 1,
  usesCurrent: () => true,
  build:
    ([x]) =>
    (ctx) => {
      const current = readCurrent(ctx);
      return toString(current) !== '' || !x ? current : x(ctx);
    },
};

const MAX_RANDOM_LENGTH = 4096;
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * uuid(): a version 4 UUID; uuid(length): ODK's random alphanumeric string of that
 * length (at most 4096 characters). */
const uuid: FunctionSpec = {
  min: 0,
  max: 1,
  build: ([length]) => {
    if (!length) return () => globalThis.crypto.randomUUID();
    return (ctx) => {
      const n = Math.min(Math.trunc(toNumber(length(ctx))), MAX_RANDOM_LENGTH);
      if (!(n > 0)) return '';
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(n));
      let out = '';
      // 248 is the largest multiple of 62 below 256: rejecting above it keeps every character equally likely.
      for (const byte of bytes) if (byte < 248) out += ALPHANUMERIC.charAt(byte % 62);
      while (out.length < n) {
        const [byte = 255] = globalThis.crypto.getRandomValues(new Uint8Array(1));
        if (byte < 248) out += ALPHANUMERIC.charAt(byte % 62);
      }
      return out.slice(0, n);
    };
  },
};

export const logicFunctions: FunctionTable = {
  if: ifFunction,
  coalesce,
  once,
  uuid,
  true: { min: 0, max: 0, build: () => () => true },
  false: { min: 0, max: 0, build: () => () => false },
  not: unary((v) => !toBoolean(v)),
  boolean: unary(toBoolean),
  /** position() or position(..): the 1-based index of the current repeat instance. */
  position: { min: 0, max: 1, build: () => (ctx) => (ctx.position ? ctx.position() : 1) },
};
