import { computedPeriods, computeIndicator, type ComputeSubmission } from '../../core/indicators/compute';
import { sideBySide } from '../../core/indicators/sideBySide';
import type { IndicatorRecord, IndicatorValueRecord } from '../db/schema';

/** One period of an indicator: its target, and its total value as entered with that value's review. */
export interface IndicatorRow {
  periodStart: string;
  periodEnd: string;
  target: number | null;
  actual: number | null;
  /** The total's record, when one was entered. */
  value: IndicatorValueRecord | undefined;
  /** The values for categories (sex: f…), for the same period. */
  categoryValues: IndicatorValueRecord[];
  /** The total computed from submissions (null without a computation), and whether it differs from `actual`. */
  computed: number | null;
  /** How many submissions `computed` comes from (0 without a computation, or none in the period). */
  computedFrom: number;
  differs: boolean;
}

/**
 * The periods of the targets and of the values, oldest first, each once. With `submissions`, each row also
 * has the value computed from them, kept beside the one entered by hand; a computed indicator with neither
 * targets nor values gets the bimonthly periods its submissions fall in.
 */
export function indicatorRows(
  indicator: IndicatorRecord,
  values: readonly IndicatorValueRecord[],
  submissions: readonly ComputeSubmission[] = [],
): IndicatorRow[] {
  const rows = new Map<string, IndicatorRow>();
  const rowOf = (periodStart: string, periodEnd: string) => {
    const key = `${periodStart}/${periodEnd}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        periodStart,
        periodEnd,
        target: null,
        actual: null,
        value: undefined,
        categoryValues: [],
        computed: null,
        computedFrom: 0,
        differs: false,
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const target of indicator.targets) rowOf(target.period.start, target.period.end).target = target.value;
  for (const value of values) {
    if (value.deleted) continue;
    const row = rowOf(value.periodStart, value.periodEnd);
    if (Object.keys(value.categories).length > 0) row.categoryValues.push(value);
    else {
      row.value = value;
      row.actual = value.value;
    }
  }
  // Nothing planned or entered yet: the bimonthly periods (the report's) that its submissions fall in.
  if (rows.size === 0)
    for (const period of computedPeriods(indicator, 'bimonthly', submissions))
      rowOf(period.start, period.end);
  for (const row of rows.values()) {
    const computed = computeIndicator(
      indicator,
      { start: row.periodStart, end: row.periodEnd },
      {},
      submissions,
    );
    const both = sideBySide(row.actual, computed);
    row.computed = both.computed;
    row.computedFrom = both.submissions;
    row.differs = both.differ;
  }
  return [...rows.values()].sort(
    (a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd),
  );
}

/**
 * The latest period with a value, as the project page shows it: one entered by hand, or one computed from
 * at least one submission (a count over a period nobody surveyed yet is 0 from nothing, not a value).
 */
export function latestRow(rows: readonly IndicatorRow[]): IndicatorRow | undefined {
  let latest: IndicatorRow | undefined;
  for (const row of rows) {
    if (row.actual === null && (row.computed === null || row.computedFrom === 0)) continue;
    if (!latest || row.periodEnd > latest.periodEnd) latest = row;
  }
  return latest;
}
