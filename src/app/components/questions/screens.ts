import { walkItems, type FormDefinition, type FormItem } from '../../../core/forms/definition';
import type { Path } from './paths';

/** Whether a top-level item shows anything (hidden questions and unlabelled calculations do not). */
function showsSomething(item: FormItem): boolean {
  if (item.kind !== 'question') return true;
  if (item.type === 'hidden') return false;
  return item.type !== 'calculate' || Boolean(item.label);
}

/** One screen per top-level item that shows something (a question, a group or a repeat), in form order. */
export function screenItems(form: FormDefinition): FormItem[] {
  return form.items.filter(showsSomething);
}

/**
 * The screen to show: the one wanted if it is relevant, else the next relevant one after it, else the
 * last relevant one before it; undefined when nothing is relevant.
 */
export function pickScreen(
  names: readonly string[],
  isRelevant: (name: string) => boolean,
  wanted: string | undefined,
): string | undefined {
  const start = Math.max(0, wanted === undefined ? 0 : names.indexOf(wanted));
  for (let i = start; i < names.length; i += 1) if (isRelevant(names[i] as string)) return names[i];
  for (let i = start - 1; i >= 0; i -= 1) if (isRelevant(names[i] as string)) return names[i];
  return undefined;
}

/** Each item's name → the name of the top-level item (screen) that holds it. */
export function screenOfItems(form: FormDefinition): Map<string, string> {
  const out = new Map<string, string>();
  walkItems(form.items, (item, path) => {
    const top = form.items[path[0] as number];
    if (top) out.set(item.name, top.name);
  });
  return out;
}

/** Each item's name → its place in the form (depth first), to sort answer paths in reading order. */
export function formOrder(form: FormDefinition): Map<string, number> {
  const out = new Map<string, number>();
  walkItems(form.items, (item) => out.set(item.name, out.size));
  return out;
}

/** Compares two answer paths in reading order: names by their place in the form, instances by index. */
export function compareByFormOrder(order: ReadonlyMap<string, number>) {
  return (a: Path, b: Path): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      const x = a[i] as string | number;
      const y = b[i] as string | number;
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return (order.get(String(x)) ?? Infinity) - (order.get(String(y)) ?? Infinity);
    }
    return a.length - b.length;
  };
}

/** How many messages a react-hook-form error tree holds (errors nest inside repeats and geopoints). */
export function countErrors(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  if (typeof (node as { message?: unknown }).message === 'string') return 1;
  let n = 0;
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'ref' && key !== 'root') n += countErrors(child);
  }
  return n;
}
