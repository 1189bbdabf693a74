import { pickText } from '../../i18n/localized';
import type { Choice } from '../definition';
import { choicesOf } from '../definition';
import { nodeSet, type CompiledExpression, type EvalContext, type InstanceItem, type XValue } from '../expr';
import { CHOICE_COLUMN_PREFIX } from './choiceFilter';
import { commonDepth, type FormPlan, type ItemPlan } from './FormPlan';
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

  readonly current = (): unknown => this.currentValue;

  readonly position = (): number => this.scope.index + 1;

  readonly choiceLabel = (fieldName: string, value: string): string => {
    const question = this.plan.byName.get(fieldName)?.question;
    const choice = question && choicesOf(this.plan.form, question).find((c) => c.name === value);
    return choice ? pickText(choice.label, this.lang, this.plan.form.defaultLanguage) : value;
  };

  readonly instance = (listName: string): readonly InstanceItem[] =>
    instanceItems(this.plan.form, listName, this.lang);

  readonly resolve = (name: string): unknown => {
    if (name.startsWith(CHOICE_COLUMN_PREFIX)) {
      const column = name.slice(CHOICE_COLUMN_PREFIX.length);
      if (!this.choice) return undefined;
      // A GeoJSON list keeps every property in `extra`, `name` included (ODK reads the property there).
      return this.choice.extra?.[column] ?? (column === 'name' ? this.choice.name : '');
    }
    const target = this.plan.byName.get(name);
    if (!target) return undefined;
    const level = target.inner ?? target.level;
    const depth = commonDepth(this.scope.level, level);
    let scope = this.scope;
    while (scope.level.depth > depth && scope.parent) scope = scope.parent;
    if (depth === level.depth) return read(target, scope);
    let scopes = [scope];
    for (let d = depth + 1; d <= level.depth; d++) {
      const repeat = level.chain[d]?.repeat;
      if (!repeat) return nodeSet([]);
      scopes = scopes.flatMap((s) => s.repeats.get(repeat.name) ?? []);
    }
    return nodeSet(scopes.map((s) => read(target, s)));
  };
}

function read(target: ItemPlan, scope: Scope): unknown {
  if (!target.question) return '';
  return scope.relevant[target.slot] ? scope.values[target.name] : undefined;
}
