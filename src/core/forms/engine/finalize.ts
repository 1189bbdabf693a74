import { pickText } from '../../i18n/localized';
import { compactAnswers, type Answers, type answersSchema } from '../answersSchema';
import { SUBMISSION_META_KEY, type FormDefinition, type FormItem } from '../definition';
import { formMessages } from '../messages';
import { isEmpty, isEndMeta, timestamp } from './answerValues';
import type { Step } from './dependencyOrder';
import { constraintIssues, evaluateDraft, instanceName, isRequired, type Draft } from './evaluateDraft';
import type { AnswerIssue, FinalizeResult, Path } from './FormEngine';
import type { FormPlan } from './FormPlan';
import { evaluateRepeatCount, offeredChoices } from './formState';
import { isRecord, type Scope } from './scopes';

export interface Finalizing {
  readonly plan: FormPlan;
  readonly steps: readonly Step[];
  readonly now: () => Date;
  /** answersSchema of the form without `required`: types and bounds only (required depends on relevance). */
  readonly typeSchema: (lang: string) => ReturnType<typeof answersSchema>;
}

/** The form with every `required` removed, so that answersSchema checks types and bounds only. */
export function withoutRequired(form: FormDefinition): FormDefinition {
  const strip = (items: readonly FormItem[]): FormItem[] =>
    items.map((item) =>
      item.kind === 'question' ? { ...item, required: undefined } : { ...item, items: strip(item.items) },
    );
  return { ...form, items: strip(form.items) };
}

/** Cuts each repeat's instances to its repeat_count (more than the count were left by the UI). */
function trimToCounts(draft: Draft): void {
  for (const scopes of draft.byLevel) {
    for (const scope of scopes) {
      for (const repeat of scope.level.repeats) {
        const list = scope.values[repeat.name];
        const count = evaluateRepeatCount(draft, repeat, scope);
        if (count !== undefined && Array.isArray(list) && list.length > count)
          scope.values[repeat.name] = list.slice(0, count);
      }
    }
  }
}

/** XLSForm's `end`: the moment of finalizing, in every scope that has such a question (ODK's preload). */
function stampEnd(draft: Draft, now: () => Date): void {
  for (const item of draft.plan.items) {
    if (!item.question || !isEndMeta(item.question)) continue;
    const stamp = timestamp(now);
    for (const scope of draft.byLevel[item.level.id] ?? []) scope.values[item.name] = stamp;
  }
}

/**
 * The `instance_name` setting evaluated on the finished draft (non-relevant answers read as empty), as
 * ODK evaluates meta/instanceName when a form is finalized; undefined when the form has none or it is ''.
 */
/**
 * A rank with a choice filter orders the choices offered where it is asked, each once (answersSchema only
 * knows they belong to the list). An answer left from other offered choices must be ordered again.
 */
function filteredRankIssues(draft: Draft, message: string): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  for (const item of draft.plan.items) {
    if (item.question?.type !== 'rank' || !item.choiceFilter) continue;
    for (const scope of draft.byLevel[item.level.id] ?? []) {
      const value = scope.values[item.name];
      if (!scope.relevant[item.slot] || !Array.isArray(value) || !value.length) continue;
      const offered = offeredChoices(draft, item, scope);
      // As many names as offered choices, each of them there: each once.
      if (value.length !== offered.length || offered.some((c) => !value.includes(c.name)))
        issues.push({ path: [...scope.path, item.name], message });
    }
  }
  return issues;
}

/** The relevant answers of a scope; non-relevant questions, groups and repeat instances are dropped. */
function prune(scope: Scope, origin: WeakMap<object, number>): Answers {
  const out: Answers = {};
  for (const item of scope.level.items) {
    if (!scope.relevant[item.slot]) continue;
    const question = item.question;
    if (question && question.type !== 'note' && scope.values[item.name] !== undefined)
      out[item.name] = scope.values[item.name];
    const instances = item.item.kind === 'repeat' ? scope.repeats.get(item.name) : undefined;
    if (!instances) continue;
    out[item.name] = instances
      .filter((instance) => instance.instanceRelevant)
      .map((instance) => {
        const pruned = prune(instance, origin);
        origin.set(pruned, instance.index);
        return pruned;
      });
  }
  return out;
}

/** A path in the pruned answers → the same place in the draft (dropped instances shift indexes). */
function draftPath(pruned: Answers, path: readonly PropertyKey[], origin: WeakMap<object, number>): Path {
  const out: Path = [];
  let value: unknown = pruned;
  for (const segment of path) {
    if (typeof segment === 'number' && Array.isArray(value)) {
      value = value[segment] as unknown;
      out.push(isRecord(value) ? (origin.get(value) ?? segment) : segment);
    } else if (typeof segment === 'string') {
      out.push(segment);
      value = isRecord(value) ? value[segment] : undefined;
    }
  }
  return out;
}

/**
 * Finalizing as ODK does: calculations applied, instances trimmed to repeat_count, `end` stamped,
 * non-relevant answers dropped, then types and bounds (answersSchema), required (plain or expression) and
 * constraints, for relevant questions only. A question with a type error gets no required or constraint
 * issue besides. The stored answers gain `meta.instanceName` when the form names its submissions.
 */
export function finalizeDraft(f: Finalizing, answers: Answers, lang: string): FinalizeResult {
  const first = evaluateDraft(f.plan, f.steps, answers, lang, f.now);
  trimToCounts(first);
  stampEnd(first, f.now);
  const draft = evaluateDraft(f.plan, f.steps, first.root.values, lang, f.now);
  const origin = new WeakMap<object, number>();
  const pruned = prune(draft.root, origin);
  const parsed = f.typeSchema(lang).safeParse(pruned);
  const issues: AnswerIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: draftPath(pruned, issue.path, origin),
        message: issue.message,
      }));
  const flagged = new Set(issues.map((issue) => JSON.stringify(issue.path)));
  const add = (issue: AnswerIssue): void => {
    const key = JSON.stringify(issue.path);
    if (flagged.has(key)) return;
    flagged.add(key);
    issues.push(issue);
  };
  const m = formMessages(lang);
  for (const item of f.plan.items) {
    const question = item.question;
    if (!question || question.type === 'note' || item.required === undefined) continue;
    for (const scope of draft.byLevel[item.level.id] ?? []) {
      if (!scope.relevant[item.slot] || !isEmpty(scope.values[item.name])) continue;
      if (!isRequired(draft, item, scope)) continue;
      const message =
        question.requiredMessage && pickText(question.requiredMessage, lang, f.plan.form.defaultLanguage);
      add({ path: [...scope.path, item.name], message: message || m.required });
    }
  }
  for (const issue of filteredRankIssues(draft, m.rank)) add(issue);
  for (const issue of constraintIssues(draft, lang)) add(issue);
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  const stored = compactAnswers(parsed.data);
  const name = instanceName(draft);
  if (name !== undefined) stored[SUBMISSION_META_KEY] = { instanceName: name };
  return { ok: true, answers: stored };
}
