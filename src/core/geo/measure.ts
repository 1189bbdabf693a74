import { area, distance } from '../forms/expr/functions/geo';

/**
 * The length of a line and the area of a shape as an agent draws them on a map (geotrace, geoshape), computed
 * as ODK's own `distance()` and `area()` functions compute them (JavaRosa's GeoUtils, functions/geo.ts), so
 * that what the map shows is what a form's calculation on the same answer gives.
 */
export interface LatLng {
  latitude: number;
  longitude: number;
}

const pairs = (points: readonly LatLng[]) => points.map((p) => [p.latitude, p.longitude] as const);

/** Metres along the line, vertex to vertex (0 under two points). */
export function lineLength(points: readonly LatLng[]): number {
  return distance(pairs(points));
}

/** Metres around the shape, closed back to its first point (0 under two points). */
export function shapePerimeter(points: readonly LatLng[]): number {
  if (points.length < 2) return 0;
  const first = points[0] as LatLng;
  const last = points[points.length - 1] as LatLng;
  const closed =
    first.latitude === last.latitude && first.longitude === last.longitude ? points : [...points, first];
  return lineLength(closed);
}

/** Square metres inside the shape (0 under three points). */
export function shapeArea(points: readonly LatLng[]): number {
  return area(pairs(points));
}

export interface Measure {
  value: number;
  unit: 'm' | 'km' | 'm²' | 'ha';
}

/** A length for people: metres up to 1 km (whole metres), then kilometres (two decimals). */
export function lengthMeasure(metres: number): Measure {
  return metres < 1000
    ? { value: Math.round(metres), unit: 'm' }
    : { value: Math.round(metres / 10) / 100, unit: 'km' };
}

/** An area for people: square metres up to 1 ha (whole), then hectares (two decimals). */
export function areaMeasure(squareMetres: number): Measure {
  return squareMetres < 10_000
    ? { value: Math.round(squareMetres), unit: 'm²' }
    : { value: Math.round(squareMetres / 100) / 100, unit: 'ha' };
}

/** Metres per degree of latitude on ODK's sphere (functions/geo.ts's radius). */
const METRES_PER_DEGREE = (2 * Math.PI * 6_378_100) / 360;

/**
 * A circle of `radius` metres around `center` as a closed ring of `steps` + 1 positions ([longitude,
 * latitude], GeoJSON's order): the accuracy circle drawn around a position. Exact enough for the few hundred
 * metres an accuracy spans (a local flat projection).
 */
export function circleRing(center: LatLng, radius: number, steps = 48): [number, number][] {
  const dLat = radius / METRES_PER_DEGREE;
  const dLon = dLat / Math.max(Math.cos((center.latitude * Math.PI) / 180), 1e-6);
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const angle = (2 * Math.PI * (i % steps)) / steps;
    ring.push([center.longitude + dLon * Math.cos(angle), center.latitude + dLat * Math.sin(angle)]);
  }
  return ring;
}
