import type { Answers } from '../answersSchema';
import { isEmpty, metaValue, staticDefault, toAnswer } from './answerValues';
import { isDynamicDefault } from './compileItems';
import type { Step } from './dependencyOrder';
import { evaluateDraft } from './evaluateDraft';
import type { FormEngineOptions, Path } from './FormEngine';
import type { FormPlan, Level } from './FormPlan';
import { evaluateRepeatCount } from './formState';
import type { Scope } from './scopes';

export interface Seeding {
  readonly plan: FormPlan;
  readonly steps: readonly Step[];
  readonly options: FormEngineOptions;
  readonly now: () => Date;
}

/** Literal defaults and meta values of the questions stored at `level` (not those of inner repeats). */
export function seedLevel(seeding: Seeding, level: Level): Answers {
  const values: Answers = {};
  for (const item of level.items) {
    const question = item.question;
    if (!question) continue;
    const meta = metaValue(question, seeding.options, seeding.now);
    const value =
      meta ??
      (question.default !== undefined && !isDynamicDefault(question.default)
        ? staticDefault(question, question.default)
        : undefined);
    if (value !== undefined) values[item.name] = value;
  }
  return values;
}

const isUnder = (path: Path, prefix: Path): boolean =>
  path.length >= prefix.length && prefix.every((segment, i) => path[i] === segment);

/**
 * Completes the part of a draft under `prefix` (the whole draft, or one new instance): creates the
 * instances that repeat_count asks for where a repeat has none yet (level by level, since an inner count
 * may read the outer instance's defaults), then evaluates expression defaults in document order, each
 * seeing the ones before. Defaults apply whether or not the question is relevant, as in ODK.
 */
export function completeDraft(seeding: Seeding, answers: Answers, prefix: Path, lang: string): Answers {
  const { plan, steps, now } = seeding;
  let current = answers;
  const maxDepth = Math.max(...plan.levels.map((level) => level.depth));
  for (let depth = 0; depth <= maxDepth; depth++) {
    const draft = evaluateDraft(plan, steps, current, lang, now);
    for (const level of plan.levels) {
      if (level.depth !== depth) continue;
      for (const scope of draft.byLevel[level.id] ?? []) {
        if (!isUnder(scope.path, prefix)) continue;
        for (const repeat of level.repeats) {
          if (scope.values[repeat.name] !== undefined || !repeat.inner) continue;
          const count = evaluateRepeatCount(draft, repeat, scope);
          if (count === undefined) continue;
          const inner = repeat.inner;
          scope.values[repeat.name] = Array.from({ length: count }, () => seedLevel(seeding, inner));
        }
      }
    }
    current = draft.root.values;
  }
  const draft = evaluateDraft(plan, steps, current, lang, now);
  for (const item of plan.items) {
    const expression = item.dynamicDefault;
    if (!expression || !item.question) continue;
    for (const scope of draft.byLevel[item.level.id] ?? []) {
      if (!isUnder(scope.path, prefix) || !isEmpty(scope.values[item.name])) continue;
      setDefault(scope, item.name, toAnswer(item.question, draft.runtime.run(expression, scope, item)));
    }
  }
  // Once more, so that calculations see the defaults.
  return evaluateDraft(plan, steps, draft.root.values, lang, now).root.values;
}

function setDefault(scope: Scope, name: string, value: unknown): void {
  if (value !== undefined) scope.values[name] = value;
}
