import { answersSchema } from '../../core/forms/answersSchema';
import type { FormDefinition, FormItem } from '../../core/forms/definition';
import { FormVersion } from '../../core/records/formVersion';
import type { EntityRecord } from '../storage/Storage';
import '../zodLocale';

/** Validates a submission's answers against one published form version. */
export type AnswersValidator = ReturnType<typeof answersSchema>;

/** Enough for every form version in active use on one server; the oldest unused ones go first. */
const MAX_PER_STORAGE = 64;

/**
 * Compiled answers schemas, one cache per storage (tests and tools may open several databases in one
 * process, and the same form key can mean different forms in each).
 *
 * Building the zod schema of a form is far dearer than validating one submission with it, so it is built once
 * per form version instead of once per mutation. The cache key includes the entity's server_seq (and hlc and
 * updatedAt): every write of an entity takes a fresh server_seq, so a republished or deleted form can never
 * be served from a stale entry.
 */
const caches = new WeakMap<object, Map<string, AnswersValidator | null>>();

function cacheFor(scope: object): Map<string, AnswersValidator | null> {
  let cache = caches.get(scope);
  if (!cache) {
    cache = new Map();
    caches.set(scope, cache);
  }
  return cache;
}

/** The validator of a form entity, or null when the entity is not a valid form version (or is deleted). */
export function answersValidator(scope: object, form: EntityRecord): AnswersValidator | null {
  const cache = cacheFor(scope);
  const key = [form.id, form.serverSeq, form.hlc, form.updatedAt].join('\u0000');
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Re-inserted so that Map order is least recently used first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = FormVersion.safeParse(form.data);
  // Messages in English: the server's answer is for the log and the "needs attention" list; the device
  // validated in the agent's language before sending.
  const validator = parsed.success
    ? answersSchema(requiredWhereAlwaysRelevant(parsed.data.definition), 'en')
    : null;
  cache.set(key, validator);
  if (cache.size > MAX_PER_STORAGE) cache.delete(cache.keys().next().value!);
  return validator;
}

/**
 * The form with a plain `required` kept only where the question is always relevant (no `relevant` on it
 * nor on a group or repeat around it). Elsewhere the device's form engine decided: a question that was not
 * relevant has no answer in the submission (finalize drops it, as ODK does) and must not be refused for it.
 */
function requiredWhereAlwaysRelevant(form: FormDefinition): FormDefinition {
  const strip = (items: readonly FormItem[], conditional: boolean): FormItem[] =>
    items.map((item) => {
      const mayHide = conditional || item.relevant !== undefined;
      if (item.kind !== 'question') return { ...item, items: strip(item.items, mayHide) };
      return mayHide ? { ...item, required: undefined } : item;
    });
  return { ...form, items: strip(form.items, false) };
}
