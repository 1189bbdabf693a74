import { toBoolean, toNumber, toString } from '../expr';
import { pickText } from '../../i18n/localized';
import type { LocalizedText } from '../../i18n/localized';
import { choicesOf, type Choice } from '../definition';
import { constraintIssues, instanceName, isRequired, type Draft } from './evaluateDraft';
import type { FormState, Path } from './FormEngine';
import type { ItemPlan } from './FormPlan';
import { pickTemplate, type LabelTemplate } from './labelTemplate';
import { locate, type Scope } from './scopes';

/** More instances than this from a repeat_count are refused (a typo such as 1e9 would freeze the tablet). */
export const MAX_REPEAT_COUNT = 1000;

/** The evaluated repeat_count of `repeat` whose instances are stored in `scope`: ≥ 0, whole, capped. */
export function evaluateRepeatCount(draft: Draft, repeat: ItemPlan, scope: Scope): number | undefined {
  if (!repeat.repeatCount) return undefined;
  const n = Math.floor(toNumber(draft.runtime.run(repeat.repeatCount, scope, repeat)));
  // An empty or invalid count (e.g. an unanswered ${n}) means no instances, as in ODK.
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), MAX_REPEAT_COUNT) : n > 0 ? MAX_REPEAT_COUNT : 0;
}

function fillTemplate(
  draft: Draft,
  template: LabelTemplate | undefined,
  text: LocalizedText | undefined,
  lang: string,
  scope: Scope,
  item: ItemPlan,
): string {
  const fallback = draft.plan.form.defaultLanguage;
  if (!template) return pickText(text, lang, fallback);
  let out = '';
  for (const part of pickTemplate(template, lang, fallback)) {
    out += typeof part === 'string' ? part : toString(draft.runtime.run(part, scope, item));
  }
  return out;
}

/** The choices of a select or rank offered in `scope`: its list through its choice filter. */
export function offeredChoices(draft: Draft, item: ItemPlan, scope: Scope): Choice[] {
  const all = item.question ? choicesOf(draft.plan.form, item.question) : [];
  const filter = item.choiceFilter;
  return filter ? all.filter((c) => toBoolean(draft.runtime.runForChoice(filter, scope, item, c))) : all;
}

/** The FormState contract over one evaluated draft; path lookups are answered on demand. */
export function createFormState(draft: Draft): FormState {
  const { plan, runtime } = draft;
  const at = (path: Path) => locate(plan, draft.root, path);
  return {
    answers: draft.root.values,
    issues: constraintIssues(draft, draft.lang),
    // Read when a draft is saved (its name in lists), not at every keystroke.
    get instanceName() {
      return instanceName(draft);
    },
    relevant(path) {
      const found = at(path);
      if (!found) return false;
      return found.instance ? found.scope.instanceRelevant : (found.scope.relevant[found.item.slot] ?? false);
    },
    required(path) {
      const found = at(path);
      return !!found && !found.instance && isRequired(draft, found.item, found.scope);
    },
    readOnly(path) {
      const found = at(path);
      const question = found?.item.question;
      if (!found || found.instance || !question) return false;
      // A calculation with a trigger sets a value once per change, which the agent may then edit (ODK).
      const calculated = found.item.calculation && question.trigger === undefined;
      if (question.type === 'note' || question.type === 'calculate' || calculated) return true;
      const flag = found.item.readOnly;
      if (flag === undefined || typeof flag === 'boolean') return flag ?? false;
      return toBoolean(runtime.run(flag, found.scope, found.item));
    },
    choices(path) {
      const found = at(path);
      return found ? offeredChoices(draft, found.item, found.scope) : [];
    },
    repeatCount(path) {
      const found = at(path);
      if (!found || found.instance || found.item.item.kind !== 'repeat') return undefined;
      return evaluateRepeatCount(draft, found.item, found.scope);
    },
    label(path, lang) {
      const found = at(path);
      if (!found) return '';
      return fillTemplate(draft, found.item.label, found.item.item.label, lang, found.scope, found.item);
    },
    hint(path, lang) {
      const found = at(path);
      if (!found) return '';
      return fillTemplate(draft, found.item.hint, found.item.item.hint, lang, found.scope, found.item);
    },
  };
}
