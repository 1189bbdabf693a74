import { pickText } from '../../i18n/localized';
import type { Choice } from '../definition';
import { choicesOf } from '../definition';
import {
  nodeSet,
  type CompiledExpression,
  type EvalContext,
  type InstanceItem,
  type PathWhere,
  type XValue,
} from '../expr';
import { CHOICE_COLUMN_PREFIX } from './choiceFilter';
import { commonDepth, pathStops, type FormPlan, type ItemPlan } from './FormPlan';
import { instanceItems } from './instances';
import type { Scope } from './scopes';

/**
 * The EvalContext of one evaluation: one object, moved from scope to scope (`at`) rather than rebuilt, so
 * that a keystroke allocates almost nothing but the node-sets it reads.
 *
 * `${name}` from the current scope: a field of this level or of an enclosing level is read in this
 * instance or the enclosing one; a field inside a repeat that does not enclose the current position is
 * every value of it, across every instance (and nested instances, flattened) as a node-set, so count(),
 * sum(), max() work from outside. A non-relevant field reads as empty (ODK); a repeat's name reads as one
 * empty value per instance, so `count(${member})` counts instances.
 */
export class Runtime implements EvalContext {
  private scope: Scope;
  private currentValue: unknown = undefined;
  private choice: Choice | undefined = undefined;
  /** The item whose expression runs: where relative paths start. */
  private item: ItemPlan | undefined = undefined;

  constructor(
    private readonly plan: FormPlan,
    root: Scope,
    private readonly lang: string,
    readonly now: () => Date,
  ) {
    this.scope = root;
  }

  /** Evaluates `expression` for `item` in `scope`; `.` is the item's answer there (none without item). */
  run(expression: CompiledExpression, scope: Scope, item?: ItemPlan): XValue {
    this.scope = scope;
    this.item = item;
    this.currentValue = item?.question ? scope.values[item.name] : undefined;
    return expression.evaluate(this);
  }

  /** Evaluates a choice filter with `choice`'s columns visible as bare names. */
  runForChoice(expression: CompiledExpression, scope: Scope, item: ItemPlan, choice: Choice): XValue {
    this.choice = choice;
    try {
      return this.run(expression, scope, item);
    } finally {
      this.choice = undefined;
    }
  }

  /** `${name}` as seen from `scope`, outside any expression (a trigger's value). */
  readAt(name: string, scope: Scope): unknown {
    this.scope = scope;
    return this.resolve(name);
  }

  readonly current = (): unknown => this.currentValue;

  readonly position = (): number => this.scope.index + 1;

  readonly choiceLabel = (fieldName: string, value: string): string => {
    const question = this.plan.byName.get(fieldName)?.question;
    const choice = question && choicesOf(this.plan.form, question).find((c) => c.name === value);
    return choice ? pickText(choice.label, this.lang, this.plan.form.defaultLanguage) : value;
  };

  readonly instance = (listName: string): readonly InstanceItem[] =>
    instanceItems(this.plan.form, listName, this.lang);

  readonly version = (): string => this.plan.form.version;

  readonly lastSaved = (name: string): unknown => this.plan.lastSaved?.[name];

  readonly path = (steps: readonly string[], absolute: boolean, where?: PathWhere): unknown => {
    const stops = pathStops(this.plan, this.item, steps, absolute, where?.fromRef);
    const target = stops.length === steps.length ? stops.at(-1) : undefined;
    if (target === undefined || target === 'root') return undefined;
    if (!where?.positions) return this.resolveItem(target);
    // Positions pick instances of the repeats they follow, as indexed-repeat() does; on any other node
    // (the one group or question a step reaches) only position 1 or a true condition keeps it.
    const picks = new Map<string, number>();
    for (const [i, position] of where.positions.entries()) {
      const stop = stops[i];
      if (position === undefined || position === true || stop === undefined || stop === 'root') continue;
      if (stop.item.kind === 'repeat' && typeof position === 'number') picks.set(stop.name, position);
      else if (position !== 1) return nodeSet([]);
    }
    return this.resolveItem(target, picks);
  };

  readonly indexedRepeat = (field: string, picks: readonly (readonly [string, number])[]): unknown => {
    const target = this.plan.byName.get(field);
    return target ? this.resolveItem(target, new Map(picks)) : undefined;
  };

  readonly resolve = (name: string): unknown => {
    if (name.startsWith(CHOICE_COLUMN_PREFIX)) {
      const column = name.slice(CHOICE_COLUMN_PREFIX.length);
      if (!this.choice) return undefined;
      // A GeoJSON list keeps every property in `extra`, `name` included (ODK reads the property there).
      return this.choice.extra?.[column] ?? (column === 'name' ? this.choice.name : '');
    }
    const target = this.plan.byName.get(name);
    return target ? this.resolveItem(target) : undefined;
  };

  /**
   * The target's value seen from the current scope. `picks` (indexed-repeat) chooses one instance, by
   * 1-based index, of the repeats it names, even one that encloses the current position; the result is
   * then one value if every repeat crossed was picked.
   */
  private resolveItem(target: ItemPlan, picks?: ReadonlyMap<string, number>): unknown {
    const level = target.inner ?? target.level;
    let depth = commonDepth(this.scope.level, level);
    for (let d = 1; picks && d <= depth; d++) {
      if (picks.has(level.chain[d]?.repeat?.name ?? '')) depth = Math.min(depth, d - 1);
    }
    let scope = this.scope;
    while (scope.level.depth > depth && scope.parent) scope = scope.parent;
    if (depth === level.depth) return read(target, scope);
    let scopes = [scope];
    let single = true;
    for (let d = depth + 1; d <= level.depth; d++) {
      const repeat = level.chain[d]?.repeat;
      if (!repeat) return nodeSet([]);
      const index = picks?.get(repeat.name);
      if (index === undefined) single = false;
      scopes = scopes.flatMap((s) => {
        const instances = s.repeats.get(repeat.name) ?? [];
        if (index === undefined) return instances;
        const picked = Number.isInteger(index) ? instances[index - 1] : undefined;
        return picked ? [picked] : [];
      });
    }
    if (picks && single) return scopes[0] ? read(target, scopes[0]) : undefined;
    return nodeSet(scopes.map((s) => read(target, s)));
  }
}

function read(target: ItemPlan, scope: Scope): unknown {
  if (!target.question) return '';
  return scope.relevant[target.slot] ? scope.values[target.name] : undefined;
}
