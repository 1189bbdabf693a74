import { pickText } from '../../i18n/localized';
import { MAX_INSTANCE_NAME, valueSchema, type Answers } from '../answersSchema';
import type { Question } from '../definition';
import { toBoolean, toString } from '../expr';
import { formMessages } from '../messages';
import { isEmpty, toAnswer } from './answerValues';
import type { Step } from './dependencyOrder';
import type { AnswerIssue } from './FormEngine';
import type { FormPlan, ItemPlan } from './FormPlan';
import { Runtime } from './Runtime';
import { buildScopes, type Scope } from './scopes';
import { TRIGGER_KEY } from './triggered';

/** A draft after one pass: scopes with relevance, calculations written in, and the runtime to ask more. */
export interface Draft {
  readonly plan: FormPlan;
  readonly root: Scope;
  readonly byLevel: Scope[][];
  readonly runtime: Runtime;
  readonly lang: string;
}

/** The relevance of the group or repeat instance around `item` in `scope`. */
function containerRelevant(item: ItemPlan, scope: Scope): boolean {
  const container = item.container;
  if (!container) return true;
  return container.item.kind === 'repeat'
    ? scope.instanceRelevant
    : (scope.relevant[container.slot] ?? false);
}

function runStep(step: Step, scope: Scope, runtime: Runtime): void {
  const item = step.item;
  switch (step.kind) {
    case 'relevance': {
      const inherited = containerRelevant(item, scope);
      // A repeat as a whole reads its relevant here only if it makes sense outside any instance.
      const own = item.item.kind === 'repeat' && !item.relevantOutside ? undefined : item.relevant;
      scope.relevant[item.slot] = inherited && (own ? toBoolean(runtime.run(own, scope, item)) : true);
      return;
    }
    case 'instance': {
      const whole = scope.parent?.relevant[item.slot] ?? false;
      scope.instanceRelevant =
        whole && (item.relevant ? toBoolean(runtime.run(item.relevant, scope, item)) : true);
      return;
    }
    case 'calculation': {
      const question = item.question;
      if (!question || !item.calculation) return;
      if (question.trigger !== undefined && !triggered(question.trigger, item, scope, runtime)) return;
      // A calculation of a non-relevant question yields no value (and once() will compute afresh).
      const value = scope.relevant[item.slot]
        ? toAnswer(question, runtime.run(item.calculation, scope, item))
        : undefined;
      if (value === undefined) delete scope.values[item.name];
      else scope.values[item.name] = value;
    }
  }
}

/**
 * Whether the trigger of a calculation has changed since it last ran, recording the trigger's value when
 * it has. The draft stays plain answers: the last value seen is kept in it under a key no field can have
 * (`#trigger:name`), which finalize drops with the other unknown keys. An unanswered trigger counts as
 * unchanged at the start, so nothing is computed before the trigger is first answered (ODK's
 * xforms-value-changed), and a non-relevant question keeps its value.
 */
function triggered(trigger: string, item: ItemPlan, scope: Scope, runtime: Runtime): boolean {
  if (!scope.relevant[item.slot]) return false;
  const key = `${TRIGGER_KEY}${item.name}`;
  const seen = JSON.stringify(runtime.readAt(trigger, scope) ?? '');
  if ((scope.values[key] ?? '""') === seen) return false;
  scope.values[key] = seen;
  return true;
}

/** One pass over the draft: every step in dependency order, each over every scope of its level. */
export function evaluateDraft(
  plan: FormPlan,
  steps: readonly Step[],
  answers: Answers,
  lang: string,
  now: () => Date,
): Draft {
  const { root, byLevel } = buildScopes(plan, answers);
  const runtime = new Runtime(plan, root, lang, now);
  for (const step of steps) {
    for (const scope of byLevel[step.level.id] ?? []) runStep(step, scope, runtime);
  }
  return { plan, root, byLevel, runtime, lang };
}

/** Types whose wrong values show as they are typed (a letter in a number, 31/02, a latitude of 100). */
const TYPED = new Set(['integer', 'decimal', 'date', 'dateTime', 'geopoint']);

/**
 * Failing constraints of answered, relevant questions, with constraintMessage or the default message. Numeric
 * bounds (`min`/`max`) count as constraints too, so they show while the agent types, as ODK shows them; so do
 * values of the wrong type for numbers, dates and points (finalize would refuse them anyway).
 */
export function constraintIssues(draft: Draft, lang: string): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  for (const item of draft.plan.items) {
    const question = item.question;
    if (!question) continue;
    const constraint = item.constraint;
    const bounded = question.min !== undefined || question.max !== undefined;
    const typed = TYPED.has(question.type);
    if (!constraint && !bounded && !typed) continue;
    for (const scope of draft.byLevel[item.level.id] ?? []) {
      const value = scope.values[item.name];
      if (!scope.relevant[item.slot] || isEmpty(value)) continue;
      const wrongType = typed
        ? valueSchema(draft.plan.form, question, formMessages(lang)).safeParse(value).error?.issues[0]
        : undefined;
      if (wrongType) {
        issues.push({ path: [...scope.path, item.name], message: wrongType.message });
        continue;
      }
      const outOfBounds = typeof value === 'number' ? boundsMessage(question, value, lang) : undefined;
      if (outOfBounds) {
        issues.push({ path: [...scope.path, item.name], message: outOfBounds });
        continue;
      }
      if (!constraint || toBoolean(draft.runtime.run(constraint, scope, item))) continue;
      const message =
        question.constraintMessage &&
        pickText(question.constraintMessage, lang, draft.plan.form.defaultLanguage);
      issues.push({ path: [...scope.path, item.name], message: message || formMessages(lang).constraint });
    }
  }
  return issues;
}

function boundsMessage(question: Question, value: number, lang: string): string | undefined {
  const m = formMessages(lang);
  if (question.min !== undefined && value < question.min) return m.min(question.min);
  if (question.max !== undefined && value > question.max) return m.max(question.max);
  return undefined;
}

/** Whether the question is required in `scope`: `true`, or its expression evaluates true. */
export function isRequired(draft: Draft, item: ItemPlan, scope: Scope): boolean {
  const required = item.required;
  if (required === undefined || typeof required === 'boolean') return required ?? false;
  return toBoolean(draft.runtime.run(required, scope, item));
}

/** The form's instance_name setting evaluated on the draft (ODK's meta/instanceName), if it gives a name. */
export function instanceName(draft: Draft): string | undefined {
  const expression = draft.plan.instanceName;
  if (!expression) return undefined;
  const name = toString(draft.runtime.run(expression, draft.root)).trim();
  return name === '' ? undefined : name.slice(0, MAX_INSTANCE_NAME);
}
