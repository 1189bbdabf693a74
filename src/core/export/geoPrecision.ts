/**
 * Coarsened coordinates: an export may round every latitude and longitude it writes to N decimals (0 to 8),
 * so a map of answers no longer points at one house. Each decimal removed divides the precision by ten: 4
 * decimals is about 11 m at the equator, 3 about 110 m, 2 about 1.1 km, 1 about 11 km, 0 about 111 km.
 * Altitude and accuracy are left as they are: they do not place anyone.
 */
export const GEO_PRECISION_MAX = 8;

/** `value` rounded to `precision` decimals (halves upwards, as Math.round); -0 becomes 0. */
export function roundCoordinate(value: number, precision: number | undefined): number {
  if (precision === undefined || !Number.isFinite(value)) return value;
  const scale = 10 ** precision;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded;
}
