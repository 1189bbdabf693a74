import SQLite from 'better-sqlite3';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import type { MapPackTileType } from '../../core/maps/mapPack';
import { MapPackFileError } from './pmtilesFile';
import { Compression, PmtilesWriter, TileTypeCode } from './pmtilesWriter';

/**
 * MBTiles (https://github.com/mapbox/mbtiles-spec, what ODK Collect users have) converted once, at upload,
 * to PMTiles v3: rows are TMS (y counted from the south), tiles keep their bytes; vector tiles are gzip'd
 * as MBTiles stores them (an ungzip'd one is gzip'd, so the archive has one tile compression).
 */

const FORMATS: Record<string, MapPackTileType> = {
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  webp: 'webp',
  pbf: 'mvt',
  mvt: 'mvt',
};

function sniff(bytes: Uint8Array): MapPackTileType | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[8] === 0x57 && bytes[9] === 0x45) return 'webp';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'mvt';
  return undefined;
}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Longitude and latitude of a tile's north-west corner (XYZ). */
function tileCorner(z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const lon = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return [lon, lat];
}

function parseNumbers(value: string | undefined, count: number): number[] | undefined {
  if (!value) return undefined;
  const parts = value.split(',').map((part) => Number(part.trim()));
  return parts.length === count && parts.every(Number.isFinite) ? parts : undefined;
}

export interface ConvertResult {
  tileType: MapPackTileType;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  attribution: string;
  tiles: number;
}

/** Converts the MBTiles file at `source` to a PMTiles file at `target`. */
export async function convertMbtiles(source: string, target: string): Promise<ConvertResult> {
  let db: SQLite.Database;
  try {
    db = new SQLite(source, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
  } catch {
    throw new MapPackFileError('Not an MBTiles file (not an SQLite database)');
  }
  try {
    return await convertOpen(db, target);
  } finally {
    db.close();
  }
}

async function convertOpen(db: SQLite.Database, target: string): Promise<ConvertResult> {
  const metadata = new Map<string, string>();
  let keys: { z: number; x: number; y: number }[];
  try {
    for (const row of db.prepare('select name, value from metadata').all() as {
      name: string;
      value: unknown;
    }[])
      if (typeof row.name === 'string' && (typeof row.value === 'string' || typeof row.value === 'number'))
        metadata.set(row.name, String(row.value));
    keys = db
      .prepare('select zoom_level as z, tile_column as x, tile_row as y from tiles')
      .all() as typeof keys;
  } catch {
    throw new MapPackFileError('Not an MBTiles file (it needs a metadata table and a tiles table)');
  }
  if (keys.length === 0) throw new MapPackFileError('The MBTiles file holds no tiles');
  const ordered = keys.map((key) => {
    if (![key.z, key.x, key.y].every(Number.isInteger) || key.z < 0 || key.z > 26)
      throw new MapPackFileError('The MBTiles file has a tile with an invalid zoom, column or row');
    const n = 2 ** key.z;
    if (key.x < 0 || key.x >= n || key.y < 0 || key.y >= n)
      throw new MapPackFileError(`Tile ${key.z}/${key.x}/${key.y} lies outside its zoom level`);
    const y = n - 1 - key.y; // TMS to XYZ
    return { ...key, xyzY: y, id: zxyToTileId(key.z, key.x, y) };
  });
  ordered.sort((a, b) => a.id - b.id);

  const read = db.prepare(
    'select tile_data as data from tiles where zoom_level = ? and tile_column = ? and tile_row = ?',
  );
  const first = (read.get(ordered[0]!.z, ordered[0]!.x, ordered[0]!.y) as { data: Buffer } | undefined)?.data;
  const format = (metadata.get('format') ?? '').trim().toLowerCase();
  const tileType = FORMATS[format] ?? (first ? sniff(first) : undefined);
  if (!tileType)
    throw new MapPackFileError(
      `Unsupported tile format "${format}": packs hold PNG, JPEG, WebP or vector tiles`,
    );

  const writer = new PmtilesWriter(target);
  let minZoom = Infinity;
  let maxZoom = -Infinity;
  try {
    for (const tile of ordered) {
      const row = read.get(tile.z, tile.x, tile.y) as { data: unknown } | undefined;
      if (!row || !(row.data instanceof Uint8Array)) continue;
      let data: Uint8Array = row.data;
      if (tileType === 'mvt' && !isGzip(data)) data = gzipSync(data);
      await writer.addTile(tile.id, data);
      minZoom = Math.min(minZoom, tile.z);
      maxZoom = Math.max(maxZoom, tile.z);
    }
    if (writer.tileCount === 0) throw new MapPackFileError('The MBTiles file holds no tile data');

    const bounds = boundsOf(metadata, ordered, maxZoom);
    const center = parseNumbers(metadata.get('center'), 3);
    const centerZoom = Math.min(Math.max(center?.[2] ?? minZoom, minZoom), maxZoom);
    const attribution = (metadata.get('attribution') ?? '').trim();
    const json = parseJson(metadata.get('json'));
    await writer.finish({
      tileType: TileTypeCode[tileType],
      tileCompression: tileType === 'mvt' ? Compression.gzip : Compression.none,
      minZoom,
      maxZoom,
      bounds,
      center: [
        center?.[0] ?? (bounds[0] + bounds[2]) / 2,
        center?.[1] ?? (bounds[1] + bounds[3]) / 2,
        centerZoom,
      ],
      metadata: {
        name: metadata.get('name') ?? '',
        ...(attribution ? { attribution } : {}),
        ...(metadata.get('description') ? { description: metadata.get('description') } : {}),
        ...(json && typeof json === 'object' ? json : {}),
        converted_from: 'mbtiles',
      },
    });
    return { tileType, minZoom, maxZoom, bounds, attribution, tiles: writer.tileCount };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

function parseJson(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The metadata's bounds if valid, else those of the tiles at the deepest zoom. */
function boundsOf(
  metadata: Map<string, string>,
  tiles: { z: number; x: number; xyzY: number }[],
  maxZoom: number,
): [number, number, number, number] {
  const given = parseNumbers(metadata.get('bounds'), 4);
  if (given && given[0]! < given[2]! && given[1]! < given[3]!)
    return given as [number, number, number, number];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const t of tiles) {
    if (t.z !== maxZoom) continue;
    minX = Math.min(minX, t.x);
    maxX = Math.max(maxX, t.x);
    minY = Math.min(minY, t.xyzY);
    maxY = Math.max(maxY, t.xyzY);
  }
  const [west, north] = tileCorner(maxZoom, minX, minY);
  const [east, south] = tileCorner(maxZoom, maxX + 1, maxY + 1);
  return [west, south, east, north];
}
