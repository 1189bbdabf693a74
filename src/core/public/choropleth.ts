/**
 * The classes of the public map's choropleth (src/app/public/PublicMap.tsx): areas with no project in one
 * class, the others in up to `count` classes of equal width from 0 to the largest value, rounded up to
 * whole numbers. Each class says its bounds, so the legend is in numbers and not only in colours.
 */
export interface ChoroplethClass {
  /** Inclusive bounds; the first class is [0, 0]: no project. */
  from: number;
  to: number;
}

export function choroplethClasses(values: readonly number[], count = 4): ChoroplethClass[] {
  const max = Math.max(0, ...values);
  const classes: ChoroplethClass[] = [{ from: 0, to: 0 }];
  if (max === 0) return classes;
  const step = Math.max(1, Math.ceil(max / count));
  for (let from = 1; from <= max; from += step) classes.push({ from, to: Math.min(max, from + step - 1) });
  return classes;
}

/** The index in `classes` of `value`. */
export function classOf(classes: readonly ChoroplethClass[], value: number): number {
  const at = classes.findIndex((c) => value >= c.from && value <= c.to);
  return at === -1 ? classes.length - 1 : at;
}
