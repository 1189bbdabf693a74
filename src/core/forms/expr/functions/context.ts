import type { Node } from '../ast';
import type { EvalContext, Thunk } from '../context';
import { fromAnswer, NodeSet, toNumber, toString } from '../values';
import { readCurrent, type FunctionSpec, type FunctionTable } from './spec';

/**
 * ODK's functions that read the form beyond their arguments (the current node, the form's version, an
 * attached CSV, another repeat instance). Always loaded, unlike the rarer ones in extra.ts.
 */

const quoted = (node: Node | undefined): string | undefined =>
  node?.type === 'string' ? node.value : undefined;

/** pulldata('list', 'column', 'key column', key): instance('list')/root/item[key column = key]/column. */
const pulldata: FunctionSpec = {
  min: 4,
  max: 4,
  instances: ([list, column, key]) => {
    const name = quoted(list);
    if (name === undefined) return [];
    return [{ list: name, columns: [quoted(column), quoted(key)].filter((c): c is string => !!c) }];
  },
  build: (args) => (ctx) => {
    const [list, column, keyColumn, key] = args.map((arg) => toString(arg(ctx)));
    const items = ctx.instance?.(list ?? '') ?? [];
    const found = items.find((item) => item[keyColumn ?? ''] === key);
    return found?.[column ?? ''] ?? '';
  },
};

/** The name of the field a `${x}` or path argument names (a path's last name). */
function fieldOf(node: Node | undefined): string | undefined {
  if (node?.type === 'ref') return node.name;
  if (node?.type === 'path') return [...node.steps].reverse().find((s) => s !== '.' && s !== '..');
  return undefined;
}

/**
 * indexed-repeat(${field}, ${repeat1}, i1, [${repeat2}, i2, [${repeat3}, i3]]): the field's value in the
 * i-th instance of each repeat named (1-based), as ODK gives it; '' when there is no such instance.
 */
const indexedRepeat: FunctionSpec = {
  min: 3,
  max: 7,
  build: (args, nodes) => {
    const field = fieldOf(nodes[0]);
    const repeats = [1, 3, 5].filter((i) => i < nodes.length).map((i) => fieldOf(nodes[i]));
    const indexes = [2, 4, 6].map((i) => args[i]).filter((a): a is Thunk => !!a);
    if (!field || repeats.length !== indexes.length || repeats.some((r) => !r)) return () => '';
    return (ctx) => {
      const picks = repeats.map((r, i) => [r ?? '', toNumber(indexes[i]?.(ctx) ?? NaN)] as const);
      const value = fromAnswer(ctx.indexedRepeat?.(field, picks));
      return value instanceof NodeSet ? (value.items[0] ?? '') : value;
    };
  },
};

const current: FunctionSpec = { min: 0, max: 0, usesCurrent: () => true, build: () => readCurrent };

export const contextFunctions: FunctionTable = {
  current,
  version: { min: 0, max: 0, build: () => (ctx: EvalContext) => ctx.version?.() ?? '' },
  pulldata,
  'indexed-repeat': indexedRepeat,
};
