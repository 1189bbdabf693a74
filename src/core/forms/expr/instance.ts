import type { EvalContext, InstanceItem, Thunk } from './context';
import { NodeSet, toBoolean, type XValue } from './values';

/**
 * Secondary instances, as pyxform makes them from choice lists: `instance('list')/root/item[predicate]/col`
 * reads column `col` of the list's items that pass the predicate. The predicate is evaluated once per item
 * with bare names naming the item's columns (`name = ${income}`); `${…}` still reads the form's fields.
 */

/** The context seen inside a predicate: the caller's, plus the item under test. */
interface ItemContext extends EvalContext {
  readonly item?: InstanceItem;
}

/** A bare name in a predicate: the item's column, '' when it has none (as an absent XML child reads). */
export function readColumn(name: string): Thunk {
  return (ctx) => (ctx as ItemContext).item?.[name] ?? '';
}

/**
 * The items of `list` passing `predicate` (a number predicate is a 1-based position, as in XPath), then
 * their `field` column (or their names when there is no field, which only count() uses) as a node-set.
 */
export function readInstance(list: string, predicate: Thunk | undefined, field: string | undefined): Thunk {
  return (ctx) => {
    const items = ctx.instance?.(list) ?? [];
    const kept = predicate ? items.filter((item, i) => passes(predicate, ctx, item, i)) : items;
    return new NodeSet(kept.map((item) => item[field ?? 'name'] ?? ''));
  };
}

function passes(predicate: Thunk, ctx: EvalContext, item: InstanceItem, index: number): boolean {
  // The item is added on a child object so that every other member (resolve, now, labels) is the caller's.
  const inner = Object.create(ctx) as { item?: InstanceItem } & EvalContext;
  inner.item = item;
  const value: XValue = predicate(inner);
  return typeof value === 'number' ? value === index + 1 : toBoolean(value);
}
