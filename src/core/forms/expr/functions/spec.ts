import type { Node } from '../ast';
import type { EvalContext, Thunk } from '../context';
import { fromAnswer, type XValue } from '../values';

/**
 * A function of the expression language. `build` receives its arguments already compiled (those from
 * `nodeSetFrom` on compiled as node-sets) and their syntax trees, and returns the closure that evaluates the
 * call; arguments are thunks so that if(), coalesce() and once() evaluate only what they need.
 */
export interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  /** Arguments from this index on are node-sets: a `${field}` there yields every repeat instance's value. */
  readonly nodeSetFrom?: number;
  /** Whether the call reads `.` (once(), and string-length() etc. without an argument). */
  readonly usesCurrent?: (argCount: number) => boolean;
  /** Field names the call depends on beyond its `${}` arguments (jr:choice-name's quoted '${field}'). */
  readonly references?: (nodes: readonly Node[]) => string[];
  /** Secondary instances the call reads (pulldata's quoted list and columns), for the importer's checks. */
  readonly instances?: (nodes: readonly Node[]) => { list: string; columns: string[] }[];
  build(args: readonly Thunk[], nodes: readonly Node[]): Thunk;
}

export type FunctionTable = Readonly<Record<string, FunctionSpec>>;

/** A function of fixed arity whose arguments are all evaluated first. */
export function eager(
  min: number,
  max: number,
  f: (values: XValue[], ctx: EvalContext) => XValue,
  nodeSetFrom?: number,
): FunctionSpec {
  return {
    min,
    max,
    nodeSetFrom,
    build: (args) => (ctx) =>
      f(
        args.map((arg) => arg(ctx)),
        ctx,
      ),
  };
}

/** A one-argument function, without the array allocation of `eager`. */
export function unary(f: (value: XValue) => XValue): FunctionSpec {
  return { min: 1, max: 1, build: ([a]) => (a ? (ctx) => f(a(ctx)) : () => f('')) };
}

/** A two-argument function. */
export function binary(f: (a: XValue, b: XValue) => XValue): FunctionSpec {
  return {
    min: 2,
    max: 2,
    build: ([a, b]) => (a && b ? (ctx) => f(a(ctx), b(ctx)) : () => f('', '')),
  };
}

/** The compiled form of `.`. */
export const readCurrent: Thunk = (ctx) => fromAnswer(ctx.current ? ctx.current() : undefined);

/** A function whose only argument defaults to `.` (XPath's context node), like string-length(). */
export function currentOrOne(f: (value: XValue) => XValue): FunctionSpec {
  return {
    min: 0,
    max: 1,
    usesCurrent: (argCount) => argCount === 0,
    build: ([a]) => {
      const arg = a ?? readCurrent;
      return (ctx) => f(arg(ctx));
    },
  };
}
