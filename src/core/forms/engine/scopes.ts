import type { Answers } from '../answersSchema';
import type { Path } from './FormEngine';
import type { FormPlan, ItemPlan, Level } from './FormPlan';

/** The root of the answers or one repeat instance, with the relevance computed for its items. */
export interface Scope {
  readonly level: Level;
  /** The answers at this level: a copy the engine writes calculations into. */
  readonly values: Answers;
  readonly parent: Scope | undefined;
  /** 0-based index among the repeat's instances (0 for the root). */
  readonly index: number;
  readonly path: Path;
  /** Relevance of the level's items, by slot. */
  readonly relevant: boolean[];
  /** For an instance: the repeat's relevance evaluated inside it (and its parent's); true for the root. */
  instanceRelevant: boolean;
  /** Instances of the repeats stored here, by repeat name. */
  readonly repeats: Map<string, Scope[]>;
}

export const isRecord = (value: unknown): value is Answers =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Copies the draft's levels (the root object, repeat arrays and instance objects; answers themselves are
 * shared, never changed) and makes one scope per level object. A repeat key holding something other than
 * an array is left as it is, with no instances; an instance that is not an object reads as an empty one.
 */
export function buildScopes(plan: FormPlan, answers: Answers): { root: Scope; byLevel: Scope[][] } {
  const byLevel: Scope[][] = plan.levels.map(() => []);
  const make = (
    level: Level,
    values: Answers,
    parent: Scope | undefined,
    index: number,
    path: Path,
  ): Scope => {
    const scope: Scope = {
      level,
      values,
      parent,
      index,
      path,
      relevant: new Array<boolean>(level.items.length).fill(false),
      instanceRelevant: true,
      repeats: new Map(),
    };
    byLevel[level.id]?.push(scope);
    for (const repeat of level.repeats) {
      const list = values[repeat.name];
      const inner = repeat.inner;
      if (!Array.isArray(list) || !inner) continue;
      const copies = list.map((instance): Answers => (isRecord(instance) ? { ...instance } : {}));
      values[repeat.name] = copies;
      scope.repeats.set(
        repeat.name,
        copies.map((copy, i) => make(inner, copy, scope, i, [...path, repeat.name, i])),
      );
    }
    return scope;
  };
  const root = make(plan.root, { ...answers }, undefined, 0, []);
  return { root, byLevel };
}

/** What a path points at: an item in a scope, or (`instance`) a repeat instance itself. */
export interface Located {
  readonly scope: Scope;
  readonly item: ItemPlan;
  readonly instance: boolean;
}

/** Follows a path from the root; undefined if it names no item or an instance that does not exist. */
export function locate(plan: FormPlan, root: Scope, path: Path): Located | undefined {
  let scope = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment !== 'string') return undefined;
    const item = plan.byName.get(segment);
    if (!item || item.level !== scope.level) return undefined;
    if (i === path.length - 1) return { scope, item, instance: false };
    if (item.item.kind === 'group') continue; // groups are transparent
    if (item.item.kind !== 'repeat') return undefined;
    const index = path[i + 1];
    const instance = typeof index === 'number' ? scope.repeats.get(segment)?.[index] : undefined;
    if (!instance) return undefined;
    scope = instance;
    i++;
    if (i === path.length - 1) return { scope, item, instance: true };
  }
  return undefined;
}
