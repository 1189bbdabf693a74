import type { FieldErrors } from 'react-hook-form';

/** Stable element ids for a question's input, hint and error. */
export function fieldIds(name: string) {
  const base = `q-${name}`;
  return { input: base, hint: `${base}-hint`, error: `${base}-error`, legend: `${base}-legend` };
}

/** The first error message under `name` (a geopoint's errors are nested per coordinate). */
export function errorMessage(errors: FieldErrors, name: string): string | undefined {
  return firstMessage(errors[name]);
}

function firstMessage(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const { message } = node as { message?: unknown };
  if (typeof message === 'string' && message) return message;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'ref' || key === 'type' || key === 'types') continue;
    const found = firstMessage(child);
    if (found) return found;
  }
  return undefined;
}

export function describedBy(ids: ReturnType<typeof fieldIds>, hasHint: boolean, hasError: boolean) {
  return [hasHint ? ids.hint : null, hasError ? ids.error : null].filter(Boolean).join(' ') || undefined;
}
