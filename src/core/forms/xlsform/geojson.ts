/** One feature of a GeoJSON itemset as the columns of an item, and where it is in the file. */
export interface FeatureColumns {
  /** 1-based position in `features`, for messages. */
  index: number;
  columns: Record<string, string>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** ODK's notation of one GeoJSON position ([longitude, latitude, altitude?]): `lat lon 0 0`. */
function odkPoint(position: unknown): string | undefined {
  if (!Array.isArray(position) || position.length < 2) return undefined;
  const [lon, lat] = position as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
    return undefined;
  return `${lat} ${lon} 0 0`;
}

function odkPoints(positions: unknown): string | undefined {
  if (!Array.isArray(positions)) return undefined;
  const points = positions.map(odkPoint);
  return points.every((p) => p !== undefined) ? points.join('; ') : undefined;
}

/**
 * A geometry as JavaRosa gives it to a form: a Point as `lat lon 0 0`, a LineString as its points joined by
 * `; `, a Polygon as its outer ring (what geopoint, geotrace and geoshape answers look like). Other types
 * are refused, as ODK refuses them.
 */
function odkGeometry(geometry: Record<string, unknown>): { value: string } | { problem: string } {
  const { type, coordinates } = geometry;
  let value: string | undefined;
  if (type === 'Point') value = odkPoint(coordinates);
  else if (type === 'LineString') value = odkPoints(coordinates);
  else if (type === 'Polygon')
    value = Array.isArray(coordinates)
      ? coordinates.length === 0
        ? ''
        : odkPoints(coordinates[0])
      : undefined;
  else
    return {
      problem: `its geometry is a ${String(type)}: only Point, LineString and Polygon geometries can be read (as in ODK)`,
    };
  return value === undefined
    ? { problem: `its ${type} coordinates are not [longitude, latitude] numbers` }
    : { value };
}

/**
 * Reads a GeoJSON FeatureCollection the way ODK Collect reads one for select_one_from_file: each feature is
 * an item whose columns are its properties (text, numbers and true/false, as text), `id` (the feature's own
 * id, else properties.id) and `geometry` in ODK's notation. Every problem is listed, feature by feature.
 */
export function* readFeatures(
  file: string,
  text: string,
  problem: (message: string) => void,
): Generator<FeatureColumns> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    problem(`${file} is not valid JSON (${(err as Error).message})`);
    return;
  }
  if (!isObject(data) || data.type !== 'FeatureCollection') {
    problem(`${file} is not a GeoJSON FeatureCollection: its top level needs "type": "FeatureCollection"`);
    return;
  }
  if (!Array.isArray(data.features)) {
    problem(`${file} has no "features" list`);
    return;
  }
  for (const [i, feature] of (data.features as unknown[]).entries()) {
    const at = `${file} feature ${i + 1}`;
    if (!isObject(feature) || feature.type !== 'Feature') {
      problem(`${at} is not a GeoJSON Feature ("type": "Feature")`);
      continue;
    }
    const properties = feature.properties ?? {};
    if (!isObject(properties)) {
      problem(`${at}: its properties are not an object`);
      continue;
    }
    // A Map, so that a property named __proto__ is a column like any other.
    const columns = new Map<string, string>();
    let ok = true;
    for (const [key, value] of Object.entries(properties)) {
      if (typeof value === 'string') columns.set(key, value);
      else if (typeof value === 'number' || typeof value === 'boolean') columns.set(key, String(value));
      else if (value !== null) {
        problem(
          `${at}: property ${key} is an object or a list; only text, numbers and true/false can be read`,
        );
        ok = false;
      }
    }
    // As in JavaRosa: the feature's own id wins over a property of that name.
    const id = feature.id ?? properties.id;
    if ((typeof id === 'string' && id.trim() !== '') || typeof id === 'number')
      columns.set('id', String(id).trim());
    else {
      problem(`${at} has no id: give it "id" (or an id property), the value its choice stores`);
      ok = false;
    }
    if (isObject(feature.geometry)) {
      const geometry = odkGeometry(feature.geometry);
      if ('problem' in geometry) {
        problem(`${at}: ${geometry.problem}`);
        ok = false;
      } else columns.set('geometry', geometry.value);
    } else if (feature.geometry !== null && feature.geometry !== undefined) {
      problem(`${at}: its geometry is not a GeoJSON geometry object`);
      ok = false;
    }
    // Yielded as read, so the problems of later features follow those of earlier ones.
    if (ok) yield { index: i + 1, columns: Object.fromEntries(columns) };
  }
}
