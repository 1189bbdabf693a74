import { toNodeSet, toNumber, toString, type NodeSet, type XScalar, type XValue } from '../values';
import { eager, type FunctionSpec, type FunctionTable } from './spec';

/** The members of node-set arguments; compile has already made every such argument a NodeSet. */
function members(values: readonly XValue[], from = 0): XScalar[] {
  const out: XScalar[] = [];
  for (let i = from; i < values.length; i++) {
    const value = values[i];
    if (value !== undefined) out.push(...toNodeSet(value).items);
  }
  return out;
}

function aggregate(pick: (a: number, b: number) => number): FunctionSpec {
  // max()/min() over one or more node-sets or values. Empty → NaN; any member that is not a number (an
  // unanswered instance included) → NaN, as XPath's number conversion dictates.
  return eager(
    1,
    Infinity,
    (values) => {
      const items = members(values);
      if (items.length === 0) return NaN;
      return items.map(toNumber).reduce(pick);
    },
    0,
  );
}

const onNodeSet = (f: (set: NodeSet) => XValue): FunctionSpec => ({
  min: 1,
  max: 1,
  nodeSetFrom: 0,
  build:
    ([a]) =>
    (ctx) =>
      f(toNodeSet(a ? a(ctx) : '')),
});

export const nodeSetFunctions: FunctionTable = {
  /** sum() adds number() of each member: an unanswered instance makes the sum NaN, as in ODK. */
  sum: onNodeSet((set) => set.items.reduce<number>((total, item) => total + toNumber(item), 0)),
  count: onNodeSet((set) => set.items.length),
  'count-non-empty': onNodeSet((set) => set.items.filter((item) => toString(item) !== '').length),
  max: aggregate((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b))),
  min: aggregate((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b))),
  /** join(separator, node-set…): every member's string, separated. */
  join: eager(
    2,
    Infinity,
    (values) =>
      members(values, 1)
        .map(toString)
        .join(toString(values[0] ?? '')),
    1,
  ),
};
