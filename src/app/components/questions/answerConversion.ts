/**
 * What inputs give (strings, checked flags) to canonical answers (see core/forms/answersSchema) and back.
 * An empty input is no answer: `undefined`.
 */

export function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/**
 * A typed number: a decimal comma is accepted (French keyboards), spaces are ignored. Text that is not a
 * number is kept as typed, so the engine can say "Enter a number" rather than lose what was typed.
 */
export function toNumberAnswer(value: unknown): unknown {
  if (value === '' || value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  const text = value.replace(/\s/g, '').replace(',', '.');
  if (text === '') return undefined;
  const n = Number(text);
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) && Number.isFinite(n) ? n : value;
}

/** select_multiple: the new selection, in the order of the offered choices. */
export function toggleChoice(
  offered: readonly string[],
  selected: readonly string[],
  name: string,
  checked: boolean,
): string[] {
  return offered.filter((n) => (n === name ? checked : selected.includes(n)));
}

export function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A selection without the values that are no longer offered (choice filters); `null` if nothing changes. */
export function withoutUnoffered(value: unknown, offered: readonly string[]): unknown {
  if (Array.isArray(value)) {
    const kept = asStringList(value).filter((v) => offered.includes(v));
    return kept.length === value.length ? null : kept;
  }
  if (typeof value === 'string' && value !== '' && !offered.includes(value)) return undefined;
  return null;
}

export function acknowledgeAnswer(checked: boolean): 'OK' | undefined {
  return checked ? 'OK' : undefined;
}
