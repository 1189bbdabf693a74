import { compileExpression, ExpressionError, type CompiledExpression } from '../expr';
import { CHOICE_COLUMN_PREFIX, rewriteChoiceFilter } from './choiceFilter';
import type { FormProblem } from './FormEngineError';
import { isInside, resolvePath, type FormPlan, type ItemPlan } from './FormPlan';
import { compileLabel, withoutUnknown, type LabelTemplate } from './labelTemplate';

/**
 * pyxform's rule, simplified: a default is an expression when it refers to a field or calls a function
 * (`${age}`, `today()`); anything else (`0`, `yes`, `2026-01-01`) is a literal value.
 */
export function isDynamicDefault(text: string): boolean {
  return text.includes('${') || text.includes('(');
}

type CompiledColumn =
  | 'relevant'
  | 'required'
  | 'readOnly'
  | 'constraint'
  | 'calculation'
  | 'choiceFilter'
  | 'repeatCount'
  | 'dynamicDefault'
  | 'label'
  | 'hint';

const YES = new Set(['yes', 'true']);
const NO = new Set(['no', 'false']);

type Problem = (column: string, message: string) => void;

function checkNames(plan: FormPlan, problem: Problem, column: string, names: readonly string[]): void {
  for (const name of names) {
    if (!name.startsWith(CHOICE_COLUMN_PREFIX) && !plan.byName.has(name))
      problem(column, `\${${name}} is not a field of this form`);
  }
}

function compileColumn(
  plan: FormPlan,
  problem: Problem,
  column: string,
  source: string | undefined,
  item?: ItemPlan,
): CompiledExpression | undefined {
  if (source === undefined) return undefined;
  try {
    let compiled = compileExpression(source);
    checkNames(plan, problem, column, compiled.references);
    for (const { list } of compiled.instances)
      if (!plan.form.choiceLists[list] && !plan.form.secondaryInstances?.[list])
        problem(column, `instance('${list}') is not a choice list or attached CSV of this form`);
    // A path that reaches a field is a reference like ${name}, for the order of calculations; one that
    // reaches nothing reads as empty, as in ODK.
    const reached = compiled.paths.flatMap(({ steps, absolute, fromRef }) => {
      const target = resolvePath(plan, item, steps, absolute, fromRef);
      return typeof target === 'object' ? [target.name] : [];
    });
    if (reached.length > 0)
      compiled = { ...compiled, references: [...new Set([...compiled.references, ...reached])] };
    return compiled;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    problem(column, `${error.message} (at character ${error.offset + 1} of "${source}")`);
    return undefined;
  }
}

/**
 * Compiles every expression column of every item once, and the `instance_name` setting (into
 * `plan.instanceName`), collecting each problem rather than stopping.
 */
export function compileItems(plan: FormPlan): FormProblem[] {
  const problems: FormProblem[] = [];
  const settingProblem: Problem = (column, message) =>
    problems.push({ item: 'settings', row: undefined, column, message });
  const instanceName = compileColumn(plan, settingProblem, 'instance_name', plan.form.settings.instanceName);
  if (instanceName) plan.instanceName = instanceName;
  for (const item of plan.items) {
    const problem: Problem = (column, message) => {
      problems.push({ item: item.name, row: item.item.row, column, message });
    };
    const compile = (column: string, source: string | undefined) =>
      compileColumn(plan, problem, column, source, item);
    const flag = (column: string, value: string | boolean | undefined) => {
      if (typeof value !== 'string') return value;
      const word = value.trim().toLowerCase();
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
      return compile(column, value);
    };
    const template = (column: string, text: ItemPlan['item']['label']): LabelTemplate | undefined => {
      if (!text) return undefined;
      try {
        // Display text tolerates a name the form lacks (shown as nothing); expressions do not.
        return withoutUnknown(compileLabel(text), (name) => plan.byName.has(name));
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problem(column, error.message);
        return undefined;
      }
    };
    const set = <K extends CompiledColumn>(key: K, value: ItemPlan[K] | undefined): void => {
      if (value !== undefined) item[key] = value;
    };

    set('relevant', compile('relevant', item.item.relevant));
    if (item.item.kind === 'repeat' && item.relevant) {
      const inside = item.relevant.references.some((name) => {
        const target = plan.byName.get(name);
        return target !== undefined && isInside(target, item);
      });
      item.relevantOutside = !inside && !/\bposition\s*\(/.test(item.relevant.source);
    }
    set('label', template('label', item.item.label));
    set('hint', template('hint', item.item.hint));
    if (item.item.kind === 'repeat') set('repeatCount', compile('repeat_count', item.item.repeatCount));
    const q = item.question;
    if (!q) continue;
    set('required', flag('required', q.required));
    set('readOnly', flag('read_only', q.readOnly));
    set('constraint', compile('constraint', q.constraint));
    // A trigger without a calculation clears the question when the trigger changes (pyxform's setvalue).
    set('calculation', compile('calculation', q.calculation ?? (q.trigger ? "''" : undefined)));
    if (q.trigger !== undefined) {
      checkNames(plan, problem, 'trigger', [q.trigger]);
      if (item.calculation)
        item.calculation = { ...item.calculation, references: [...item.calculation.references, q.trigger] };
    }
    if (q.choiceFilter !== undefined)
      set('choiceFilter', compile('choice_filter', rewriteChoiceFilter(q.choiceFilter)));
    if (q.default !== undefined && isDynamicDefault(q.default))
      set('dynamicDefault', compile('default', q.default));
  }
  return problems;
}
