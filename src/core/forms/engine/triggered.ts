import type { Answers } from '../answersSchema';

/** Prefix of the draft keys recording the last value of a calculation's trigger (see evaluateDraft). */
export const TRIGGER_KEY = '#trigger:';

const isObject = (v: unknown): v is Answers => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a UI holding its own copy of the draft must take from `state.answers` after an evaluation: the
 * values set by calculations with a trigger, and the trigger values recorded with them, where they differ
 * from `draft`, as [dotted path, value] pairs (`plot.0.doubled`). Other calculations are recomputed on every
 * evaluation and need no copy; these are set once per change, and the agent may then edit them.
 */
export function triggeredChanges(evaluated: Answers, draft: Answers, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(evaluated)) {
    if (key.startsWith(TRIGGER_KEY) && draft[key] !== value) {
      const name = key.slice(TRIGGER_KEY.length);
      out.push([`${prefix}${key}`, value], [`${prefix}${name}`, evaluated[name]]);
    } else if (Array.isArray(value)) {
      const inner = draft[key];
      value.forEach((instance, i) => {
        const other: unknown = Array.isArray(inner) ? inner[i] : undefined;
        if (isObject(instance))
          out.push(...triggeredChanges(instance, isObject(other) ? other : {}, `${prefix}${key}.${i}.`));
      });
    }
  }
  return out;
}
