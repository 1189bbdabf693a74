import { toNumberAnswer } from './answerConversion';

/** Points of geotrace and geoshape answers. */
export interface Point {
  latitude: number;
  longitude: number;
  accuracy?: number;
}

/** A typed point for geotrace / geoshape, or null if either coordinate is missing or out of range. */
export function parsePoint(latitude: string, longitude: string): Point | null {
  const lat = toNumberAnswer(latitude);
  const lon = toNumberAnswer(longitude);
  if (typeof lat !== 'number' || typeof lon !== 'number') return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { latitude: lat, longitude: lon };
}

export function asPointList(value: unknown): Point[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (p): p is Point =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as Point).latitude === 'number' &&
      typeof (p as Point).longitude === 'number',
  );
}
