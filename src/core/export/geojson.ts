import type { FormDefinition, FormItem, Question } from '../forms/definition';
import { levelQuestions } from '../forms/definition';
import { Geopoint } from '../forms/answersSchema';
import { geopoint } from '../forms/engine/answerValues';
import { pickText } from '../i18n/localized';
import type { Project } from '../records/project';
import type { Submission } from '../records/submission';
import { typedValue, type CellValue } from './cellTypes';
import { roundCoordinate } from './geoPrecision';
import type { TableOptions } from './submissionTables';
import { exported, submissionTables } from './submissionTables';

/** GeoJSON (RFC 7946) geometries Terrain writes: positions are [longitude, latitude(, altitude)]. */
export type Position = number[];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };
export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Record<string, CellValue>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** A stored geopoint ({latitude, longitude, altitude?}) or ODK's `lat lon alt acc` text, as a position. */
export function positionOf(value: unknown): Position | null {
  // The answers' own parser and schema, so an export reads a point exactly as finalize accepted it.
  const point = Geopoint.safeParse(typeof value === 'string' ? geopoint(value) : value);
  if (!point.success) return null;
  const { latitude, longitude, altitude } = point.data;
  return altitude === undefined ? [longitude, latitude] : [longitude, latitude, altitude];
}

/** Geotrace and geoshape answers: arrays of geopoints, or ODK's `;`-separated text. */
function positionsOf(value: unknown): Position[] | null {
  const points = typeof value === 'string' ? value.split(';') : Array.isArray(value) ? value : null;
  if (!points) return null;
  const positions = points.map(positionOf);
  return positions.every((p): p is Position => p !== null) ? positions : null;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The position with its longitude and latitude rounded to `precision` decimals (altitude kept). */
function coarsened(position: Position, precision: number | undefined): Position {
  const [lon = 0, lat = 0, ...rest] = position;
  return [roundCoordinate(lon, precision), roundCoordinate(lat, precision), ...rest];
}

function geometryOf(type: string, value: unknown, precision: number | undefined): Geometry | null {
  if (type === 'geopoint') {
    const p = positionOf(value);
    return p && { type: 'Point', coordinates: coarsened(p, precision) };
  }
  const positions = positionsOf(value)?.map((p) => coarsened(p, precision));
  if (type === 'geotrace')
    return positions && positions.length >= 2 ? { type: 'LineString', coordinates: positions } : null;
  if (type !== 'geoshape' || !positions || positions.length < 3) return null;
  // A GeoJSON ring ends where it starts; ODK's geoshape usually does already.
  const first = positions[0] as Position;
  const ring = samePosition(first, positions[positions.length - 1] as Position)
    ? positions
    : [...positions, first];
  if (ring.length < 4) return null;
  // RFC 7946 §3.1.6: an exterior ring runs counterclockwise. ODK records a shape in the order the agent
  // walked or tapped it, either way round, and some readers (d3-geo) take a clockwise ring for its
  // complement, the whole globe but the shape.
  return { type: 'Polygon', coordinates: [signedArea(ring) < 0 ? [...ring].reverse() : ring] };
}

/** Twice the planar area the ring encloses (shoelace), positive when it runs counterclockwise. */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] as Position;
    const [x2 = 0, y2 = 0] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

const GEO_TYPES = ['geopoint', 'geotrace', 'geoshape'];

/** A level of answers (the submission's, or a repeat's): its geo questions and its repeats. */
interface GeoLevel {
  questions: Question[];
  /** `path`: the repeat's path of groups from the level above, as in the CSV keys (`group/member`). */
  repeats: { name: string; path: string; level: GeoLevel }[];
}

/** The geo questions the export writes (personal ones only when asked), level by level. */
function geoLevel(items: readonly FormItem[], options: TableOptions): GeoLevel {
  const repeats: GeoLevel['repeats'] = [];
  const visit = (list: readonly FormItem[], groupPath: string) => {
    for (const item of list) {
      if (item.kind === 'group') visit(item.items, `${groupPath}${item.name}/`);
      else if (item.kind === 'repeat')
        repeats.push({
          name: item.name,
          path: `${groupPath}${item.name}`,
          level: geoLevel(item.items, options),
        });
    }
  };
  visit(items, '');
  const questions = levelQuestions(items).filter((q) => GEO_TYPES.includes(q.type) && exported(q, options));
  return { questions, repeats };
}

/**
 * A form's submissions as features: one per answered geopoint, geotrace or geoshape question, with the
 * submission's row of the CSV export as properties (numbers as numbers, acknowledge as true, an empty typed
 * cell as null, dates as ISO text) plus `field`, the question it maps. A question inside a
 * repeat gives one feature per instance, which adds `REPEAT_KEY`: the instance's KEY in the CSV export's
 * table of that repeat (`s1/member[2]`), so the point joins its row there. A personal geo question gives no
 * feature unless `options.includePersonal` (its geometry is where someone lives), and coordinates are
 * rounded to `options.geoPrecision` decimals, as in the tables.
 */
export function submissionsGeoJson(
  form: FormDefinition,
  submissions: readonly Submission[],
  options: TableOptions,
): FeatureCollection {
  const root = geoLevel(form.items, options);
  const main = submissionTables(form, submissions, options)[0];
  const features: Feature[] = [];
  submissions.forEach((s, i) => {
    const row = main?.rows[i] ?? [];
    // Typed as in the XLSX export: a GIS styles and filters by numbers only if they are JSON numbers.
    const properties: Record<string, CellValue> = Object.fromEntries(
      main?.header.map((h, j) => [h, typedValue(row[j] ?? '', main.types?.[j])]) ?? [],
    );
    const visit = (level: GeoLevel, answers: Record<string, unknown>, key: string | null) => {
      for (const q of level.questions) {
        const geometry = geometryOf(q.type, answers[q.name], options.geoPrecision);
        if (geometry)
          features.push({
            type: 'Feature',
            id: `${key ?? s.id}/${q.name}`,
            geometry,
            properties: { ...properties, field: q.name, ...(key ? { REPEAT_KEY: key } : {}) },
          });
      }
      for (const repeat of level.repeats) {
        const instances = answers[repeat.name];
        if (!Array.isArray(instances)) continue;
        instances.forEach((instance: unknown, n) => {
          if (typeof instance === 'object' && instance !== null && !Array.isArray(instance))
            visit(
              repeat.level,
              instance as Record<string, unknown>,
              `${key ?? s.id}/${repeat.path}[${n + 1}]`,
            );
        });
      }
    };
    visit(root, s.data, null);
  });
  return { type: 'FeatureCollection', features };
}

/**
 * Projects' locations that have a point, one feature each, with the project's code, title and places. No
 * answers: a project's places are published on purpose (IATI too), but `geoPrecision` rounds them as well, so
 * that an export asked at N decimals holds no finer coordinate.
 */
export function projectsGeoJson(
  projects: readonly Project[],
  lang: string,
  geoPrecision?: number,
): FeatureCollection {
  const features = projects
    .filter((p) => !p.deleted)
    .flatMap((p) =>
      p.locations.flatMap((loc, i): Feature[] =>
        loc.point
          ? [
              {
                type: 'Feature',
                id: `${p.id}/${i + 1}`,
                geometry: {
                  type: 'Point',
                  coordinates: coarsened([loc.point.lon, loc.point.lat], geoPrecision),
                },
                properties: {
                  projectId: p.id,
                  code: p.code,
                  title: pickText(p.title, lang),
                  status: p.status,
                  location: loc.name,
                  adm1: loc.adm1,
                  adm2: loc.adm2,
                  adm3: loc.adm3,
                },
              },
            ]
          : [],
      ),
    );
  return { type: 'FeatureCollection', features };
}
