import type { LocalizedText } from '../i18n/localized';
import type { Indicator, Period } from '../records/indicator';
import type { IndicatorValue } from '../records/indicatorValue';
import type { ReviewStatus } from '../records/review';
import { computeIndicator, type Categories, type ComputeSubmission } from './compute';
import { sideBySide, type SideBySide } from './sideBySide';

/**
 * A disaggregated indicator's values per category (`sex: female`, `sex: male`) for one period, one
 * disaggregation at a time: a value entered by hand for that single category, beside the one computed from
 * the submissions whose field holds it. Values crossing two disaggregations (sex × age) are not broken down
 * here.
 */

export interface CategoryValue {
  code: string;
  label: LocalizedText;
  /** The manual value if entered, else the computed one. */
  actual: number | null;
  source: 'manual' | 'computed' | null;
  values: SideBySide;
  /** The manual value's review status; null when unreviewed or when the actual is computed. */
  verification: ReviewStatus | null;
}

export interface CategoryBreakdown {
  /** The disaggregation's name (`sex`) and label. */
  name: string;
  label: LocalizedText;
  categories: CategoryValue[];
}

const sameCategories = (a: Categories, b: Categories): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

/**
 * The value entered by hand for the period and exactly these categories (`{}`: the total); with duplicates
 * (a merge artefact) the greatest id.
 */
export function manualValueFor(
  values: readonly IndicatorValue[],
  indicatorId: string,
  period: Period,
  categories: Categories = {},
): IndicatorValue | undefined {
  let best: IndicatorValue | undefined;
  for (const v of values) {
    if (v.deleted || v.indicatorId !== indicatorId) continue;
    if (v.periodStart !== period.start || v.periodEnd !== period.end) continue;
    if (!sameCategories(v.categories, categories)) continue;
    if (!best || v.id > best.id) best = v;
  }
  return best;
}

/**
 * The breakdown of each of the indicator's disaggregations that has a value for the period (entered, or
 * computed from at least one submission); none for an indicator without categories.
 */
export function categoryBreakdown(
  indicator: Pick<Indicator, 'id' | 'projectId' | 'computation' | 'disaggregations'>,
  period: Period,
  values: readonly IndicatorValue[],
  submissions: readonly ComputeSubmission[],
): CategoryBreakdown[] {
  const breakdowns: CategoryBreakdown[] = [];
  for (const d of indicator.disaggregations) {
    const categories = d.categories.map((c): CategoryValue => {
      const categoryOf = { [d.name]: c.code };
      const manual = manualValueFor(values, indicator.id, period, categoryOf);
      const computed = computeIndicator(indicator, period, categoryOf, submissions);
      // A category that cannot be computed (no field, a broken filter) has no computed value, not an error
      // of its own: the total's row reports the computation error.
      const both = sideBySide(manual?.value ?? null, computed?.error ? null : computed);
      const source = both.manual !== null ? 'manual' : both.computed !== null ? 'computed' : null;
      return {
        code: c.code,
        label: c.label,
        actual: both.manual ?? both.computed,
        source,
        values: both,
        verification: source === 'manual' ? (manual?.reviewStatus ?? null) : null,
      };
    });
    const known = categories.some((c) => c.values.manual !== null || c.values.submissions > 0);
    if (known) breakdowns.push({ name: d.name, label: d.label, categories });
  }
  return breakdowns;
}
