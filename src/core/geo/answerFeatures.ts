import { Geopoint } from '../forms/answersSchema';
import type { FormItem } from '../forms/definition';
import { levelQuestions } from '../forms/definition';
import { geopoint } from '../forms/engine/answerValues';

/**
 * A submission's geo answers as GeoJSON features, for the small map of its reading page: one per answered
 * geopoint, geotrace (two points or more) and geoshape (three or more), inside groups and repeats alike, in
 * the form's order. `name` is the question's; `kind` says which of the three it is.
 */
type Position = [number, number];
export interface AnswerFeature {
  type: 'Feature';
  properties: { name: string; kind: 'geopoint' | 'geotrace' | 'geoshape' };
  geometry:
    | { type: 'Point'; coordinates: Position }
    | { type: 'LineString'; coordinates: Position[] }
    | { type: 'Polygon'; coordinates: Position[][] };
}

/** A stored point ({latitude, longitude…} or ODK's `lat lon alt acc` text) as [longitude, latitude]. */
function position(value: unknown): Position | null {
  const point = Geopoint.safeParse(typeof value === 'string' ? geopoint(value) : value);
  return point.success ? [point.data.longitude, point.data.latitude] : null;
}

function positions(value: unknown): Position[] | null {
  const list = typeof value === 'string' ? value.split(';') : Array.isArray(value) ? value : null;
  const out = list?.map(position);
  return out?.every((p): p is Position => p !== null) ? out : null;
}

function featureOf(kind: string, name: string, value: unknown): AnswerFeature | null {
  if (kind === 'geopoint') {
    const p = position(value);
    return p && { type: 'Feature', properties: { name, kind }, geometry: { type: 'Point', coordinates: p } };
  }
  const line = positions(value);
  if (kind === 'geotrace')
    return line && line.length >= 2
      ? { type: 'Feature', properties: { name, kind }, geometry: { type: 'LineString', coordinates: line } }
      : null;
  if (kind !== 'geoshape' || !line || line.length < 3) return null;
  const [first] = line as [Position];
  const last = line[line.length - 1] as Position;
  const ring = first[0] === last[0] && first[1] === last[1] ? line : [...line, first];
  return { type: 'Feature', properties: { name, kind }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

export function answerFeatures(
  items: readonly FormItem[],
  answers: Readonly<Record<string, unknown>>,
): AnswerFeature[] {
  const features: AnswerFeature[] = [];
  for (const q of levelQuestions(items)) {
    const feature = featureOf(q.type, q.name, answers[q.name]);
    if (feature) features.push(feature);
  }
  const repeats = (list: readonly FormItem[]) => {
    for (const item of list) {
      if (item.kind === 'group') repeats(item.items);
      else if (item.kind === 'repeat') {
        const instances = answers[item.name];
        if (!Array.isArray(instances)) continue;
        for (const instance of instances)
          if (typeof instance === 'object' && instance !== null && !Array.isArray(instance))
            features.push(...answerFeatures(item.items, instance as Record<string, unknown>));
      }
    }
  };
  repeats(items);
  return features;
}

/** [west, south, east, north] around the features, or undefined when there are none. */
export function featuresBounds(
  features: readonly AnswerFeature[],
): [number, number, number, number] | undefined {
  const all = features.flatMap((f) =>
    f.geometry.type === 'Point'
      ? [f.geometry.coordinates]
      : f.geometry.type === 'LineString'
        ? f.geometry.coordinates
        : f.geometry.coordinates.flat(),
  );
  if (!all.length) return undefined;
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
