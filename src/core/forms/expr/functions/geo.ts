import { NodeSet, toString, type XValue } from '../values';
import { type FunctionSpec, type FunctionTable } from './spec';

/**
 * area() and distance() as JavaRosa computes them (GeoUtils): a sphere of ODK's equatorial radius,
 * altitude ignored. The argument is a geoshape or geotrace (`lat lon alt acc; …`) or a node-set of
 * geopoints (a repeat's), in order.
 */
const RADIUS = 6_378_100;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;
const rad = (deg: number): number => (deg * Math.PI) / 180;

type LatLon = readonly [number, number];

/** The points of the argument; undefined when one is not a valid `lat lon`. */
function pointsOf(value: XValue): LatLon[] | undefined {
  const texts =
    value instanceof NodeSet
      ? value.items.length === 1
        ? toString(value.items[0] ?? '').split(';')
        : value.items.map((v) => toString(v))
      : toString(value).split(';');
  const points: LatLon[] = [];
  for (const text of texts) {
    if (text.trim() === '') continue;
    const [lat, lon] = text.trim().split(/\s+/).map(Number);
    if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon))
      return undefined;
    points.push([lat, lon]);
  }
  return points;
}

/** The sum of great-circle distances between consecutive points, in metres. */
export function distance(points: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const [lat1, lon1] = points[i - 1] as LatLon;
    const [lat2, lon2] = points[i] as LatLon;
    const cos =
      Math.sin(rad(lat1)) * Math.sin(rad(lat2)) +
      Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lon1 - lon2));
    // Rounding can push the cosine of two equal points just past 1 (acos would be NaN).
    total += Math.acos(Math.min(1, Math.max(-1, cos))) * RADIUS;
  }
  return total;
}

/** The polygon's area in square metres: triangles fanned from the first point, on a local projection. */
export function area(points: readonly LatLon[]): number {
  if (points.length < 3) return 0;
  const [lat0, lon0] = points[0] as LatLon;
  const xy = points
    .slice(1)
    .map(([lat, lon]) => [
      ((lon - lon0) * CIRCUMFERENCE * Math.cos(rad(lat))) / 360,
      ((lat - lat0) * CIRCUMFERENCE) / 360,
    ]);
  let sum = 0;
  for (let i = 1; i < xy.length; i++) {
    const [x1 = 0, y1 = 0] = xy[i - 1] ?? [];
    const [x2 = 0, y2 = 0] = xy[i] ?? [];
    sum += (y1 * x2 - x1 * y2) / 2;
  }
  return Math.abs(sum);
}

const geo = (f: (points: readonly LatLon[]) => number): FunctionSpec => ({
  min: 1,
  max: 1,
  nodeSetFrom: 0,
  build:
    ([arg]) =>
    (ctx) => {
      const points = arg ? pointsOf(arg(ctx)) : undefined;
      return points ? f(points) : NaN;
    },
});

export const geoFunctions: FunctionTable = { area: geo(area), distance: geo(distance) };
