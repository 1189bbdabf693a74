import type { FormDefinition, FormItem, Question } from '../definition';
import type { CompiledExpression } from '../expr';
import type { LabelTemplate } from './labelTemplate';

/**
 * The form analysed once by createFormEngine. A level is where answers live: the root, or one repeat's
 * instances. Every item (question, group, or repeat as a whole) has a slot in its level, where each scope
 * (the root or one instance) keeps the item's relevance.
 */
export interface Level {
  readonly id: number;
  /** The repeat whose instances this level is; undefined for the root. */
  readonly repeat: ItemPlan | undefined;
  readonly parent: Level | undefined;
  /** 0 for the root, 1 for a top-level repeat, 2 inside it… */
  readonly depth: number;
  /** Items with a slot here, in document order. */
  readonly items: ItemPlan[];
  /** Repeats whose instance arrays are stored at this level. */
  readonly repeats: ItemPlan[];
  /** The levels from the root down to this one, indexed by depth. */
  readonly chain: Level[];
}

export interface ItemPlan {
  readonly id: number;
  readonly item: FormItem;
  readonly name: string;
  /** The question, when the item is one. */
  readonly question: Question | undefined;
  /** The level holding its answer and relevance (for a repeat, the level of its parent). */
  readonly level: Level;
  readonly slot: number;
  /** The enclosing group or repeat; undefined at the top. */
  readonly container: ItemPlan | undefined;
  /** For a repeat: the level of its instances. */
  inner: Level | undefined;
  relevant?: CompiledExpression;
  /**
   * For a repeat: whether its `relevant` can be read from outside, for the repeat as a whole (it uses no
   * position() and no field of the repeat). Otherwise only each instance evaluates it.
   */
  relevantOutside?: boolean;
  required?: CompiledExpression | boolean;
  readOnly?: CompiledExpression | boolean;
  constraint?: CompiledExpression;
  calculation?: CompiledExpression;
  choiceFilter?: CompiledExpression;
  repeatCount?: CompiledExpression;
  /** An expression default (contains `${` or a call), evaluated when the draft or instance is created. */
  dynamicDefault?: CompiledExpression;
  label?: LabelTemplate;
  hint?: LabelTemplate;
}

export interface FormPlan {
  readonly form: FormDefinition;
  readonly root: Level;
  readonly levels: Level[];
  /** Every item in document order (ids are indexes here). */
  readonly items: ItemPlan[];
  readonly byName: Map<string, ItemPlan>;
  /** The `instance_name` setting, evaluated at the root when the draft is finalized. */
  instanceName?: CompiledExpression;
  /** The last saved submission's answers, for `${last-saved#name}` (FormEngineOptions.lastSaved). */
  lastSaved?: Readonly<Record<string, unknown>>;
}

/**
 * Where a location path leads from `from` (the item the expression belongs to; the root for absolute
 * paths): an item, `'root'`, or undefined when no node is there (a child of a question, a name that is not
 * a child), which ODK reads as empty. Groups are steps of the path, as they are elements in ODK's instance.
 */
export function resolvePath(
  plan: FormPlan,
  from: ItemPlan | undefined,
  steps: readonly string[],
  absolute: boolean,
  fromRef = false,
): ItemPlan | 'root' | undefined {
  return pathStops(plan, from, steps, absolute, fromRef).at(-1) ?? (steps.length === 0 ? 'root' : undefined);
}

/**
 * Where each step of a path leads (see resolvePath); `fromRef`: the first step is the field it names,
 * wherever it is (`${t}` in `${t}[1]/r/s`). The list stops short when a step reaches nothing.
 */
export function pathStops(
  plan: FormPlan,
  from: ItemPlan | undefined,
  steps: readonly string[],
  absolute: boolean,
  fromRef = false,
): (ItemPlan | 'root')[] {
  let at: ItemPlan | 'root' = absolute || !from ? 'root' : from;
  const stops: (ItemPlan | 'root')[] = [];
  for (const [i, step] of steps.entries()) {
    if (i === 0 && fromRef) {
      const target = plan.byName.get(step);
      if (!target) return stops;
      at = target;
    } else if (step === '..') {
      if (at === 'root') return stops;
      at = at.container ?? 'root';
    } else if (step !== '.') {
      const target = plan.byName.get(step);
      if (!target || (target.container ?? 'root') !== at) return stops;
      at = target;
    }
    stops.push(at);
  }
  return stops;
}

/** Builds levels and slots; expressions are attached afterwards by compileItems. */
export function buildPlan(form: FormDefinition): FormPlan {
  const levels: Level[] = [];
  const items: ItemPlan[] = [];
  const byName = new Map<string, ItemPlan>();
  const newLevel = (repeat: ItemPlan | undefined, parent: Level | undefined): Level => {
    const depth = parent ? parent.depth + 1 : 0;
    const level: Level = { id: levels.length, repeat, parent, depth, items: [], repeats: [], chain: [] };
    level.chain.push(...(parent?.chain ?? []), level);
    levels.push(level);
    return level;
  };
  const visit = (list: readonly FormItem[], level: Level, container: ItemPlan | undefined): void => {
    for (const item of list) {
      const plan: ItemPlan = {
        id: items.length,
        item,
        name: item.name,
        question: item.kind === 'question' ? item : undefined,
        level,
        slot: level.items.length,
        container,
        inner: undefined,
      };
      items.push(plan);
      level.items.push(plan);
      byName.set(item.name, plan);
      if (item.kind === 'group') visit(item.items, level, plan);
      if (item.kind === 'repeat') {
        level.repeats.push(plan);
        plan.inner = newLevel(plan, level);
        visit(item.items, plan.inner, plan);
      }
    }
  };
  const root = newLevel(undefined, undefined);
  visit(form.items, root, undefined);
  return { form, root, levels, items, byName };
}

/** The depth of the deepest level that encloses (or is) both. */
export function commonDepth(a: Level, b: Level): number {
  let x: Level | undefined = a;
  let y: Level | undefined = b;
  while (x && y && x.depth > y.depth) x = x.parent;
  while (x && y && y.depth > x.depth) y = y.parent;
  while (x && y && x !== y) {
    x = x.parent;
    y = y.parent;
  }
  return x ? x.depth : 0;
}

/** Whether `target` is `repeat` itself or sits inside its instances. */
export function isInside(target: ItemPlan, repeat: ItemPlan): boolean {
  return target === repeat || (repeat.inner !== undefined && target.level.chain.includes(repeat.inner));
}
