import { NodeSet, toBoolean, toNumber, type XScalar, type XValue } from './values';

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * XPath 1.0 comparison of two single values: if either is a boolean compare as booleans; else if either is
 * a number (or, ODK's addition, a date) compare as numbers; else `=` and `!=` compare strings and the
 * others compare numbers.
 */
function compareScalars(op: Comparison, a: XScalar, b: XScalar): boolean {
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') equal = toBoolean(a) === toBoolean(b);
    else if (typeof a === 'string' && typeof b === 'string') equal = a === b;
    else equal = toNumber(a) === toNumber(b);
    return op === '=' ? equal : !equal;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

/**
 * Comparisons with a node-set are existential, as in XPath: true if some member compares true (so
 * `${ages} > 60` asks whether any repeat instance is over 60). Against a boolean the node-set counts as
 * non-empty or empty.
 */
export function compare(op: Comparison, a: XValue, b: XValue): boolean {
  if (a instanceof NodeSet) {
    if (typeof b === 'boolean') return compareScalars(op, toBoolean(a), b);
    return a.items.some((item) => compare(op, item, b));
  }
  if (b instanceof NodeSet) {
    if (typeof a === 'boolean') return compareScalars(op, a, toBoolean(b));
    return b.items.some((item) => compareScalars(op, a, item));
  }
  return compareScalars(op, a, b);
}
