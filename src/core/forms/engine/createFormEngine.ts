import { answersSchema, type Answers } from '../answersSchema';
import type { FormDefinition } from '../definition';
import { compileItems } from './compileItems';
import { dependencyOrder } from './dependencyOrder';
import { evaluateDraft } from './evaluateDraft';
import type { FormEngine, FormEngineOptions, Path } from './FormEngine';
import { FormEngineError } from './FormEngineError';
import { buildPlan } from './FormPlan';
import { createFormState } from './formState';
import { finalizeDraft, withoutRequired } from './finalize';
import { completeDraft, seedLevel, type Seeding } from './initialAnswers';
import { isRecord, locate } from './scopes';

/** The value at a path of level names and indexes (as scopes write them), if it is an object. */
function instanceAt(answers: Answers, path: Path): Answers {
  let value: unknown = answers;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment] as unknown;
    else value = isRecord(value) && typeof segment === 'string' ? value[segment] : undefined;
  }
  return isRecord(value) ? value : {};
}

/**
 * Analyses the form once: builds its levels, compiles every expression, orders calculations and relevance
 * by their references. Throws FormEngineError listing every expression that does not compile, every
 * reference to an unknown field and every cycle, each with the item's name and row.
 */
export function createFormEngine(form: FormDefinition, options: FormEngineOptions = {}): FormEngine {
  const plan = buildPlan(form);
  if (options.lastSaved) plan.lastSaved = options.lastSaved;
  const problems = compileItems(plan);
  const { steps, problems: cycles } = dependencyOrder(plan);
  problems.push(...cycles);
  if (problems.length > 0) throw new FormEngineError(problems);

  const now = options.now ?? (() => new Date());
  const seeding: Seeding = { plan, steps, options, now };
  const typeForm = withoutRequired(form);
  const schemas = new Map<string, ReturnType<typeof answersSchema>>();
  const typeSchema = (lang: string) => {
    let schema = schemas.get(lang);
    if (!schema) schemas.set(lang, (schema = answersSchema(typeForm, lang)));
    return schema;
  };
  // Defaults may read labels (jr:choice-name): they are computed in the form's default language.
  const lang = form.defaultLanguage;

  return {
    form,
    initialAnswers: () => completeDraft(seeding, seedLevel(seeding, plan.root), [], lang),
    newInstance(answers, repeatPath) {
      const draft = evaluateDraft(plan, steps, answers, lang, now);
      const found = locate(plan, draft.root, repeatPath);
      const inner = found?.item.inner;
      if (!found || found.instance || !inner)
        throw new RangeError(`Not a repeat: ${JSON.stringify(repeatPath)}`);
      const name = found.item.name;
      const list = found.scope.values[name];
      const instances: unknown[] = Array.isArray(list) ? (list as unknown[]) : [];
      found.scope.values[name] = [...instances, seedLevel(seeding, inner)];
      const path = [...found.scope.path, name, instances.length];
      return instanceAt(completeDraft(seeding, draft.root.values, path, lang), path);
    },
    evaluate: (answers, lang) => createFormState(evaluateDraft(plan, steps, answers, lang, now)),
    finalize: (answers, lang) => finalizeDraft({ plan, steps, now, typeSchema }, answers, lang),
  };
}
