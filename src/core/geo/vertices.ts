import { lineLength, type LatLng } from './measure';

/**
 * Editing the vertices of a geotrace or geoshape, pure: every function returns a new list and leaves the one
 * given as it was. An index out of range changes nothing.
 */

/** The list with `point` at the end, or at `index` (0 = first) when given. */
export function addVertex<P extends LatLng>(points: readonly P[], point: P, index = points.length): P[] {
  const at = Math.max(0, Math.min(points.length, index));
  return [...points.slice(0, at), point, ...points.slice(at)];
}

/** The list with vertex `index` moved to `to` (its other fields, such as accuracy, dropped: it was moved by hand). */
export function moveVertex<P extends LatLng>(points: readonly P[], index: number, to: LatLng): P[] {
  if (index < 0 || index >= points.length) return [...points];
  return points.map((p, i) => (i === index ? ({ latitude: to.latitude, longitude: to.longitude } as P) : p));
}

/** The list without vertex `index`. */
export function removeVertex<P extends LatLng>(points: readonly P[], index: number): P[] {
  return points.filter((_, i) => i !== index);
}

/**
 * Recording a walk: whether a new GPS position joins the line. Not when it is less accurate than
 * `maxAccuracy` metres (when it says its accuracy), nor closer than `minDistance` metres to the last vertex
 * (a standing agent would pile up vertices on one spot).
 */
export function joinsWalk(
  last: LatLng | undefined,
  next: LatLng & { accuracy?: number },
  options: { minDistance: number; maxAccuracy?: number },
): boolean {
  if (options.maxAccuracy !== undefined && next.accuracy !== undefined && next.accuracy > options.maxAccuracy)
    return false;
  return last === undefined || lineLength([last, next]) >= options.minDistance;
}
