import { z } from 'zod/mini';

/**
 * Administrative areas (issue 15, "The public map of aid"): supervisors and admins upload a GeoJSON of a
 * country's areas, for example OCHA's common operational dataset (COD-AB) for Mali, and the public map colours
 * them by number of public projects or by their budget. Projects are matched by P-code: a project's
 * `locations[].adm1` / `adm2` (e.g. `ML07`) against the areas' P-codes.
 */
export const BOUNDARY_LEVELS = ['adm1', 'adm2'] as const;
export const BoundaryLevel = z.enum(BOUNDARY_LEVELS);
export type BoundaryLevel = z.infer<typeof BoundaryLevel>;

/** The largest GeoJSON file accepted (COD-AB's Mali adm2 is about 6 MB). */
export const MAX_BOUNDARY_BYTES = 20 * 1024 * 1024;
/** Coordinates are kept to 4 decimals (about 11 m): enough for a country map, and small. */
const DECIMALS = 4;
/** At most this many errors are listed for one file. */
const MAX_ERRORS = 20;

type Position = [number, number];
type Ring = Position[];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

const PositionSchema = z.array(z.number()).check(
  z.refine((p) => p.length >= 2 && p.length <= 3, 'a position has 2 or 3 numbers'),
  z.refine(
    (p) => p.length < 2 || (p[0]! >= -180 && p[0]! <= 180 && p[1]! >= -90 && p[1]! <= 90),
    'longitude must be within -180…180 and latitude within -90…90',
  ),
);
const RingSchema = z.array(PositionSchema).check(z.minLength(4, 'a ring has at least 4 positions'));
const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(RingSchema).check(z.minLength(1)) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(RingSchema).check(z.minLength(1))).check(z.minLength(1)),
  }),
]);
const FeatureShape = z.object({
  type: z.literal('Feature'),
  geometry: z.unknown(),
  properties: z.nullable(z.record(z.string(), z.unknown())),
});
const CollectionShape = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()).check(z.minLength(1, 'the collection has no feature')),
});

/** One area as stored and served. */
export const BoundaryArea = z.object({
  pcode: z.string(),
  name: z.string(),
  geometry: z.custom<AreaGeometry>(),
});
export type BoundaryArea = z.infer<typeof BoundaryArea>;

export const BoundaryUploadQuery = z.strictObject({
  level: BoundaryLevel,
  /** The property holding the P-code; by default OCHA's `ADM1_PCODE` / `ADM2_PCODE`. */
  pcode: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** The property holding the name; by default OCHA's `ADM1_FR`, `ADM1_EN`, `ADM1_REF` or `admin1Name`. */
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** The uploaded file's name, shown on the page that lists levels. */
  file: z.optional(z.string().check(z.maxLength(200))),
});
export type BoundaryUploadQuery = z.infer<typeof BoundaryUploadQuery>;

export interface BoundaryProblem {
  /** The feature's index in the file, or null for the file as a whole. */
  feature: number | null;
  message: string;
}

export type BoundaryParse =
  | { ok: true; areas: BoundaryArea[]; pcodeProperty: string; nameProperty: string }
  | { ok: false; problems: BoundaryProblem[] };

function candidates(level: BoundaryLevel, kind: 'pcode' | 'name'): string[] {
  const n = level === 'adm1' ? '1' : '2';
  return kind === 'pcode'
    ? [`ADM${n}_PCODE`, `adm${n}_pcode`, `admin${n}Pcode`, `ADM${n}_CODE`]
    : [
        `ADM${n}_FR`,
        `ADM${n}_EN`,
        `ADM${n}_REF`,
        `adm${n}_fr`,
        `adm${n}_en`,
        `admin${n}Name_fr`,
        `admin${n}Name`,
      ];
}

/** The first of `names` every feature has as a non-empty string, or of `explicit` when given. */
function pickProperty(
  features: readonly { properties: Record<string, unknown> | null }[],
  names: readonly string[],
): string | undefined {
  return names.find((name) =>
    features.every((f) => typeof f.properties?.[name] === 'string' && f.properties[name] !== ''),
  );
}

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;

/** Squared distance of `p` to the segment a–b. */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on a closed ring, keeping it closed and at least 4 positions. */
function simplifyRing(ring: Ring, tolerance: number): Ring {
  const rounded: Ring = [];
  for (const p of ring) {
    const q: Position = [round(p[0]), round(p[1])];
    const last = rounded[rounded.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) rounded.push(q);
  }
  if (tolerance <= 0 || rounded.length <= 4)
    return rounded.length >= 4 ? rounded : ring.map((p) => [p[0], p[1]]);
  const keep = new Uint8Array(rounded.length);
  keep[0] = 1;
  keep[rounded.length - 1] = 1;
  const t2 = tolerance * tolerance;
  // A closed ring's ends coincide: split it at its middle so the first segment is not degenerate.
  const mid = Math.floor(rounded.length / 2);
  keep[mid] = 1;
  const stack: [number, number][] = [
    [0, mid],
    [mid, rounded.length - 1],
  ];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = 0;
    let at = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(rounded[i]!, rounded[first]!, rounded[last]!);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (at >= 0 && worst > t2) {
      keep[at] = 1;
      stack.push([first, at], [at, last]);
    }
  }
  const out = rounded.filter((_, i) => keep[i] === 1);
  return out.length >= 4 ? out : rounded;
}

/** The geometry with coordinates rounded and simplified by `tolerance` degrees (0: rounded only). */
export function simplifyGeometry(geometry: AreaGeometry, tolerance: number): AreaGeometry {
  const polygon = (rings: Ring[]) => rings.map((r) => simplifyRing(r, tolerance));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
}

/** Where a zod issue is, in words: `coordinates.0.12: …`. */
function issueText(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

/**
 * Reads an uploaded GeoJSON of administrative areas: a FeatureCollection of Polygon or MultiPolygon features,
 * each with a P-code and a name (in the properties named by `query`, or OCHA's usual ones). Every problem is
 * listed with its feature's index; coordinates are rounded to 4 decimals and simplified by `tolerance`
 * degrees (0.001° ≈ 100 m by default). Two features with one P-code are one area (a MultiPolygon).
 */
export function parseBoundaries(json: unknown, query: BoundaryUploadQuery, tolerance = 0.001): BoundaryParse {
  const collection = CollectionShape.safeParse(json);
  if (!collection.success)
    return {
      ok: false,
      problems: [
        { feature: null, message: `Not a GeoJSON FeatureCollection: ${issueText(collection.error)}` },
      ],
    };
  const problems: BoundaryProblem[] = [];
  const features: { properties: Record<string, unknown> | null; geometry: AreaGeometry; index: number }[] =
    [];
  collection.data.features.forEach((raw, index) => {
    if (problems.length >= MAX_ERRORS) return;
    const feature = FeatureShape.safeParse(raw);
    if (!feature.success) {
      problems.push({ feature: index, message: `Not a GeoJSON Feature: ${issueText(feature.error)}` });
      return;
    }
    const geometry = Geometry.safeParse(feature.data.geometry);
    if (!geometry.success) {
      const type = (feature.data.geometry as { type?: unknown } | null)?.type;
      problems.push({
        feature: index,
        message:
          typeof type === 'string' && type !== 'Polygon' && type !== 'MultiPolygon'
            ? `Geometry ${type} is not an area: only Polygon and MultiPolygon are accepted`
            : `Invalid geometry: ${issueText(geometry.error)}`,
      });
      return;
    }
    features.push({ properties: feature.data.properties, geometry: geometry.data as AreaGeometry, index });
  });
  if (problems.length > 0) return { ok: false, problems };

  const pcodeProperty = query.pcode ?? pickProperty(features, candidates(query.level, 'pcode'));
  const nameProperty = query.name ?? pickProperty(features, candidates(query.level, 'name'));
  if (!pcodeProperty || !nameProperty) {
    const which = [!pcodeProperty ? 'P-code' : null, !nameProperty ? 'name' : null]
      .filter(Boolean)
      .join(' and ');
    return {
      ok: false,
      problems: [
        {
          feature: null,
          message: `No property holds every feature's ${which}: name it (tried ${[
            ...(!pcodeProperty ? candidates(query.level, 'pcode') : []),
            ...(!nameProperty ? candidates(query.level, 'name') : []),
          ].join(', ')})`,
        },
      ],
    };
  }
  const byCode = new Map<string, BoundaryArea>();
  for (const f of features) {
    const pcode = f.properties?.[pcodeProperty];
    const name = f.properties?.[nameProperty];
    if (typeof pcode !== 'string' || pcode.trim() === '' || pcode.length > 20) {
      problems.push({
        feature: f.index,
        message: `Property ${pcodeProperty} is not a P-code (text of 1 to 20 characters)`,
      });
      continue;
    }
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push({ feature: f.index, message: `Property ${nameProperty} is not a name` });
      continue;
    }
    const geometry = simplifyGeometry(f.geometry, tolerance);
    const code = pcode.trim();
    const known = byCode.get(code);
    if (!known) {
      byCode.set(code, { pcode: code, name: name.trim(), geometry });
      continue;
    }
    const polygons = (g: AreaGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
    known.geometry = {
      type: 'MultiPolygon',
      coordinates: [...polygons(known.geometry), ...polygons(geometry)],
    };
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_ERRORS) };
  return { ok: true, areas: [...byCode.values()], pcodeProperty, nameProperty };
}
