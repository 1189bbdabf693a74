import type { FieldErrors, FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';
import type { EditProblems } from '../../repositories/mergedEdit';

/**
 * Where a problem is shown: a text's problem (no title in any language) under its French input, whose
 * next change clears it (react-hook-form re-checks the field that changed, not its parent).
 */
function shown(problems: EditProblems): EditProblems {
  const moved: EditProblems = {};
  for (const [path, message] of Object.entries(problems))
    moved[path === 'title' || path.endsWith('.label') ? `${path}.fr` : path] = message;
  return moved;
}

/**
 * The problems of a change (by path, message keys) as react-hook-form's errors. A list's own problem
 * (`sectors`: the percentages do not add up) and its items' problems live in the same node.
 */
export function errorsOf<V extends FieldValues>(problems: EditProblems): FieldErrors<V> {
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(shown(problems))) {
    let node = errors;
    for (const part of path.split('.')) node = (node[part] ??= {}) as Record<string, unknown>;
    Object.assign(node, { type: 'validate', message });
  }
  return errors as FieldErrors<V>;
}

/**
 * A resolver that runs the repository's own rules (which run the sync's write schema) on the change the
 * form's values make, so errors show beside their fields before anything is written.
 */
export function problemResolver<V extends FieldValues>(check: (values: V) => EditProblems): Resolver<V> {
  return (values) => {
    const problems = check(values);
    return Object.keys(problems).length === 0
      ? { values, errors: {} }
      : { values: {}, errors: errorsOf<V>(problems) };
  };
}

/**
 * Shows the problems the repository found (the same rules as the resolver: this only happens when the
 * device's records changed under the form) beside their fields. Shorter paths first: a list's own message
 * must not replace its items'.
 */
export function showProblems<V extends FieldValues>(
  setError: UseFormSetError<V>,
  problems: EditProblems,
): void {
  const moved = shown(problems);
  const paths = Object.keys(moved).sort((a, b) => a.length - b.length);
  for (const path of paths) setError(path as Path<V>, { type: 'validate', message: moved[path] ?? '' });
}
