import type { FormProblem } from './FormEngineError';
import type { FormPlan, ItemPlan, Level } from './FormPlan';

/**
 * One computation of `evaluate`, run for every scope (root or repeat instance) of `level`:
 * - relevance: the item's relevance (own expression and enclosing group or instance);
 * - instance: a repeat instance's relevance (the repeat's expression, evaluated inside the instance);
 * - calculation: the question's calculated value, written into the answers.
 */
export interface Step {
  readonly kind: 'relevance' | 'instance' | 'calculation';
  readonly item: ItemPlan;
  readonly level: Level;
}

const KINDS = ['relevance', 'instance', 'calculation'] as const;

/**
 * Orders the steps so that every step runs after those it reads, over the item-level graph (a value read
 * through `${name}` depends on the item's calculation if it has one, else on its relevance, since a
 * non-relevant answer reads as empty). Running each step over all scopes of its level in that order is
 * also a valid order per instance: a sibling, an ancestor-level field or a whole repeat's values are all
 * computed by earlier steps. A cycle (among calculations and relevance, as JavaRosa checks) is a problem.
 */
export function dependencyOrder(plan: FormPlan): { steps: Step[]; problems: FormProblem[] } {
  const n = plan.items.length;
  const key = (kind: number, item: ItemPlan): number => kind * n + item.id;
  const exists = (k: number): boolean => {
    const item = plan.items[k % n];
    const kind = Math.floor(k / n);
    if (!item) return false;
    if (kind === 1) return item.item.kind === 'repeat';
    if (kind === 2) return item.calculation !== undefined;
    return true;
  };
  const valueNode = (name: string): number | undefined => {
    const target = plan.byName.get(name);
    if (!target || target.item.kind === 'repeat') return undefined;
    return key(target.calculation ? 2 : 0, target);
  };
  const dependencies = (k: number): number[] => {
    const item = plan.items[k % n];
    if (!item) return [];
    const kind = Math.floor(k / n);
    const deps: number[] = [];
    if (kind === 0 && item.container)
      deps.push(key(item.container.item.kind === 'repeat' ? 1 : 0, item.container));
    if (kind !== 0) deps.push(key(0, item));
    const wholeRepeat = kind === 0 && item.item.kind === 'repeat';
    const expression =
      kind === 2 ? item.calculation : wholeRepeat && !item.relevantOutside ? undefined : item.relevant;
    for (const name of expression?.references ?? []) {
      const dep = valueNode(name);
      if (dep !== undefined) deps.push(dep);
    }
    return deps;
  };

  const state = new Uint8Array(3 * n); // 0 unseen, 1 on the stack, 2 done
  const stack: number[] = [];
  const steps: Step[] = [];
  const problems: FormProblem[] = [];
  const reported = new Set<string>();
  const describe = (k: number): string => {
    const item = plan.items[k % n];
    const column = ['relevant', 'relevant in each instance', 'calculation'][Math.floor(k / n)];
    return `${item?.name ?? '?'} (${column})`;
  };
  const visit = (k: number): void => {
    state[k] = 1;
    stack.push(k);
    for (const dep of dependencies(k)) {
      if (state[dep] === 1) {
        const cycle = stack.slice(stack.indexOf(dep));
        const id = [...new Set(cycle.map((c) => c % n))].sort((a, b) => a - b).join(',');
        if (reported.has(id)) continue;
        reported.add(id);
        const first = plan.items[dep % n];
        problems.push({
          item: first?.name ?? '?',
          row: first?.item.row,
          column: 'cycle',
          message: `Circular reference: ${[...cycle, dep].map(describe).join(' → ')}`,
        });
      } else if (state[dep] === 0) visit(dep);
    }
    stack.pop();
    state[k] = 2;
    const item = plan.items[k % n];
    const kind = KINDS[Math.floor(k / n)];
    if (!item || !kind) return;
    const level = kind === 'instance' ? item.inner : item.level;
    if (level) steps.push({ kind, item, level });
  };
  // Document order first, so that independent steps keep the order of the form.
  for (const item of plan.items) {
    for (let kind = 0; kind < 3; kind++) {
      const k = key(kind, item);
      if (exists(k) && state[k] === 0) visit(k);
    }
  }
  return { steps, problems };
}
