import type { Node } from './ast';
import { compare } from './compare';
import type { EvalContext, Thunk } from './context';
import { ExpressionError } from './ExpressionError';
import { readColumn, readInstance } from './instance';
import { FUNCTIONS } from './functions';
import { readCurrent } from './functions/spec';
import { parseExpression } from './parser';
import { fromAnswer, nodeSetFromAnswer, toBoolean, toNodeSet, toNumber, type XValue } from './values';

export interface CompiledExpression {
  readonly source: string;
  /** Field names the expression reads through `${}` (and jr:choice-name's quoted field), first use first. */
  readonly references: readonly string[];
  /** The choice lists read through instance('list'), with the columns read of their items. */
  readonly instances: readonly InstanceUse[];
  /** The location paths it reads (`../x`, `/data/x`): the engine resolves them against the form. */
  readonly paths: readonly PathUse[];
  /** Fields read through `${last-saved#name}`. */
  readonly lastSaved: readonly string[];
  /** Whether it reads `.` (directly, through once(), or string-length() and the like without argument). */
  readonly usesCurrent: boolean;
  /** Never throws on any data ('', NaN or false as XPath gives); only the context's own callbacks could. */
  evaluate(ctx: EvalContext): XValue;
}

export interface InstanceUse {
  readonly list: string;
  /** The column read (`/label`) and the bare names of the predicate, first use first. */
  readonly columns: readonly string[];
}

export interface PathUse {
  readonly absolute: boolean;
  readonly steps: readonly string[];
  /** The first step is a field named by `${…}`, wherever it is (`${t}[1]/r/s`). */
  readonly fromRef?: boolean | undefined;
}

/** Left-deep chains (`a + b + c …`) recurse once per operand; past this depth compilation refuses. */
const MAX_TREE_DEPTH = 1000;

const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;

function arity(min: number, max: number): string {
  if (min === max) return plural(min);
  return max === Infinity ? `at least ${plural(min)}` : `${min} to ${max} arguments`;
}

class Compiler {
  readonly references = new Set<string>();
  usesCurrent = false;
  readonly paths: PathUse[] = [];
  readonly lastSaved = new Set<string>();
  readonly instances = new Map<string, Set<string>>();
  /** The columns of the instance whose predicate is being compiled. */
  private columns: Set<string> | undefined;

  compile(node: Node, depth: number, asNodeSet = false): Thunk {
    if (depth > MAX_TREE_DEPTH) throw new ExpressionError('Expression nested too deeply', node.at);
    switch (node.type) {
      case 'number':
      case 'string': {
        const value = node.value;
        return () => value;
      }
      case 'ref': {
        const name = node.name;
        this.references.add(name);
        return asNodeSet
          ? (ctx) => nodeSetFromAnswer(ctx.resolve(name))
          : (ctx) => fromAnswer(ctx.resolve(name));
      }
      case 'current':
        this.usesCurrent = true;
        return readCurrent;
      case 'parent':
        return this.compile({ type: 'path', absolute: false, steps: ['..'], at: node.at }, depth, asNodeSet);
      case 'path': {
        const { absolute, steps, fromRef } = node;
        this.paths.push({ absolute, steps, fromRef });
        if (fromRef) this.references.add(steps[0] as string);
        else if (!absolute && steps[0] === '.') this.usesCurrent = true;
        const predicates = node.positions?.map((p) => p && this.compile(p, depth + 1));
        // A step's predicate as XPath reads it: a number is a 1-based position, anything else a condition.
        const read = (ctx: EvalContext) =>
          ctx.path?.(steps, absolute, {
            fromRef,
            positions: predicates?.map((p) => {
              const value = p?.(ctx);
              return value === undefined || typeof value === 'number' ? value : toBoolean(value);
            }),
          });
        return asNodeSet ? (ctx) => nodeSetFromAnswer(read(ctx)) : (ctx) => fromAnswer(read(ctx));
      }
      case 'lastSaved': {
        const name = node.name;
        this.lastSaved.add(name);
        return (ctx) => fromAnswer(ctx.lastSaved?.(name));
      }
      case 'negate': {
        const operand = this.compile(node.operand, depth + 1);
        return (ctx) => -toNumber(operand(ctx));
      }
      case 'binary':
        return this.binary(node, depth);
      case 'call':
        return this.call(node, depth);
      case 'column':
        this.columns?.add(node.name);
        return readColumn(node.name);
      case 'instance':
        return this.instance(node, depth, asNodeSet);
    }
  }

  private instance(node: Extract<Node, { type: 'instance' }>, depth: number, asNodeSet: boolean): Thunk {
    if (node.field === undefined && !asNodeSet)
      throw new ExpressionError(
        `instance('${node.list}')/root/item needs a /column, except in count()`,
        node.at,
      );
    let columns = this.instances.get(node.list);
    if (!columns) this.instances.set(node.list, (columns = new Set()));
    if (node.field !== undefined) columns.add(node.field);
    const outer = this.columns;
    this.columns = columns;
    const predicate = node.predicate && this.compile(node.predicate, depth + 1);
    this.columns = outer;
    return readInstance(node.list, predicate, node.field);
  }

  private binary(node: Extract<Node, { type: 'binary' }>, depth: number): Thunk {
    const l = this.compile(node.left, depth + 1);
    const r = this.compile(node.right, depth + 1);
    switch (node.op) {
      case 'or':
        return (ctx) => toBoolean(l(ctx)) || toBoolean(r(ctx));
      case 'and':
        return (ctx) => toBoolean(l(ctx)) && toBoolean(r(ctx));
      case '+':
        return (ctx) => toNumber(l(ctx)) + toNumber(r(ctx));
      case '-':
        return (ctx) => toNumber(l(ctx)) - toNumber(r(ctx));
      case '*':
        return (ctx) => toNumber(l(ctx)) * toNumber(r(ctx));
      // XPath div and mod are IEEE: x div 0 is ±Infinity or NaN; mod keeps the dividend's sign, like JS %.
      case 'div':
        return (ctx) => toNumber(l(ctx)) / toNumber(r(ctx));
      case 'mod':
        return (ctx) => toNumber(l(ctx)) % toNumber(r(ctx));
      default: {
        const op = node.op;
        return (ctx) => compare(op, l(ctx), r(ctx));
      }
    }
  }

  private call(node: Extract<Node, { type: 'call' }>, depth: number): Thunk {
    const spec = FUNCTIONS.get(node.name);
    if (!spec)
      throw new ExpressionError(`Unknown function ${node.name}(): ODK forms do not know it either`, node.at);
    const count = node.args.length;
    if (count < spec.min || count > spec.max) {
      throw new ExpressionError(`${node.name}() takes ${arity(spec.min, spec.max)}, not ${count}`, node.at);
    }
    if (node.name === 'position') {
      // Repeat position is the only path we need: position(..) means the same as position().
      const arg = node.args[0];
      const parent = arg?.type === 'parent' || (arg?.type === 'path' && arg.steps.join('/') === '..');
      if (arg && !parent) throw new ExpressionError("position() takes no argument or '..'", arg.at);
      return spec.build([], []);
    }
    if (spec.usesCurrent?.(count)) this.usesCurrent = true;
    for (const name of spec.references?.(node.args) ?? []) this.references.add(name);
    for (const use of spec.instances?.(node.args) ?? []) {
      const columns = this.instances.get(use.list) ?? new Set<string>();
      this.instances.set(use.list, columns);
      for (const column of use.columns) columns.add(column);
    }
    const from = spec.nodeSetFrom ?? Infinity;
    const args = node.args.map((arg, i) => {
      const thunk = this.compile(arg, depth + 1, i >= from);
      return i >= from && arg.type !== 'ref' ? (ctx: EvalContext) => toNodeSet(thunk(ctx)) : thunk;
    });
    return spec.build(args, node.args);
  }
}

/** Parses and compiles once; evaluating is then a walk over closures. Throws ExpressionError. */
export function compileExpression(source: string): CompiledExpression {
  const compiler = new Compiler();
  const root = compiler.compile(parseExpression(source), 0);
  const references = [...compiler.references];
  const usesCurrent = compiler.usesCurrent;
  const instances = [...compiler.instances].map(([list, columns]) => ({ list, columns: [...columns] }));
  return {
    source,
    references,
    instances,
    usesCurrent,
    paths: compiler.paths,
    lastSaved: [...compiler.lastSaved],
    evaluate: root,
  };
}
