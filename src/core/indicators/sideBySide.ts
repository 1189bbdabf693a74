import type { ComputedValue } from './compute';

/**
 * Two values differ when they are further apart than 1% of the larger one (and than 1e-9, for zeros). A
 * partner's report is often rounded ("about 1 230 households" against 1 234 submissions); a discrepancy
 * worth a look is larger than rounding, while 1% of a target still shows on a progress bar.
 */
export const RELATIVE_TOLERANCE = 0.01;
const ABSOLUTE_TOLERANCE = 1e-9;

/** The value entered by hand beside the value computed from submissions: both kept, never merged. */
export interface SideBySide {
  manual: number | null;
  computed: number | null;
  /** How many submissions the computed value comes from (0 without one). */
  submissions: number;
  /** Both are known and further apart than the tolerance. */
  differ: boolean;
}

export function valuesDiffer(a: number, b: number): boolean {
  const gap = Math.abs(a - b);
  return gap > ABSOLUTE_TOLERANCE && gap > RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

export function sideBySide(manual: number | null, computed: ComputedValue | null): SideBySide {
  const value = computed?.value ?? null;
  return {
    manual,
    computed: value,
    submissions: computed?.submissions ?? 0,
    differ: manual !== null && value !== null && valuesDiffer(manual, value),
  };
}
