import { ExpressionError } from '../ExpressionError';
import type { Thunk } from '../context';
import type { FunctionSpec, FunctionTable } from './spec';

/**
 * The functions whose code is in extra.ts, loaded on demand. Their arity (and where node-set arguments
 * start) is here, so that compiling accepts and checks every call without that code: the converter and
 * createFormEngine work as before. Evaluating a call needs the code: loadExtraFunctions() first (the app
 * does it before creating the engine of a form that formNeedsExtraFunctions), or registerExtraFunctions().
 * tests/core/forms/expr/extraFunctions.test.ts checks that this table matches extra.ts.
 */
const EXTRA_ARITY: Readonly<Record<string, readonly [min: number, max: number, nodeSetFrom?: number]>> = {
  digest: [2, 3],
  'base64-decode': [1, 1],
  checklist: [2, Infinity],
  'weighted-checklist': [2, Infinity],
  'boolean-from-string': [1, 1],
  'substring-before': [2, 2],
  'substring-after': [2, 2],
  translate: [3, 3],
  randomize: [1, 2, 0],
  'decimal-time': [1, 1],
  random: [0, 0],
  pi: [0, 0],
  ...Object.fromEntries(
    ['sqrt', 'exp', 'exp10', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan'].map((n) => [
      n,
      [1, 1],
    ]),
  ),
  atan2: [2, 2],
  area: [1, 1, 0],
  distance: [1, 1, 0],
};

export const EXTRA_FUNCTION_NAMES: readonly string[] = Object.keys(EXTRA_ARITY);

let registered: FunctionTable | undefined;

/** Makes the extra functions evaluable (loadExtraFunctions does it in the browser). */
export function registerExtraFunctions(table: FunctionTable): void {
  registered = table;
}

export const extraFunctionsLoaded = (): boolean => registered !== undefined;

/** Loads extra.ts (its own chunk in the browser, precached by the service worker) and registers it. */
export async function loadExtraFunctions(): Promise<void> {
  if (!registered) registerExtraFunctions((await import('./extra')).EXTRA_FUNCTIONS);
}

function implementation(name: string): FunctionSpec {
  const spec = registered?.[name];
  if (!spec) {
    throw new ExpressionError(
      `${name}() is not loaded: await loadExtraFunctions() before evaluating a form that calls it`,
      0,
    );
  }
  return spec;
}

/**
 * A call compiled before the code was loaded is built on its first evaluation; one compiled after is built
 * at once, so a loaded function costs nothing more than the others.
 */
const placeholder = (
  name: string,
  [min, max, nodeSetFrom]: readonly [number, number, number?],
): FunctionSpec => ({
  min,
  max,
  nodeSetFrom,
  build: (args, nodes) => {
    if (registered) return implementation(name).build(args, nodes);
    let built: Thunk | undefined;
    return (ctx) => (built ??= implementation(name).build(args, nodes))(ctx);
  },
});

export const lazyFunctions: FunctionTable = Object.fromEntries(
  Object.entries(EXTRA_ARITY).map(([name, arity]) => [name, placeholder(name, arity)]),
);

/** Matches a call of one of the extra functions (with a false positive now and then in text: harmless). */
const CALL = new RegExp(`\\b(?:${EXTRA_FUNCTION_NAMES.join('|')})\\s*\\(`);

/**
 * Whether a form (any JSON value: a definition) may call one of the extra functions: a cheap scan of its
 * text, so that the code is loaded before the engine is created. It may say yes for a label that reads
 * like a call ("distance (km)"); it never says no for a form that calls one.
 */
export function formNeedsExtraFunctions(definition: unknown): boolean {
  return CALL.test(JSON.stringify(definition) ?? '');
}
