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
}

/** The periods of the targets and of the values, oldest first, each once. */
export function indicatorRows(
  indicator: IndicatorRecord,
  values: readonly IndicatorValueRecord[],
): IndicatorRow[] {
  const rows = new Map<string, IndicatorRow>();
  const rowOf = (periodStart: string, periodEnd: string) => {
    const key = `${periodStart}/${periodEnd}`;
    let row = rows.get(key);
    if (!row) {
      row = { periodStart, periodEnd, target: null, actual: null, value: undefined, categoryValues: [] };
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
  return [...rows.values()].sort(
    (a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd),
  );
}
