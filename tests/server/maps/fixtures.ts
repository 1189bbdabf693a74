import SQLite from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import { Compression, PmtilesWriter, TileTypeCode } from '../../../src/server/maps/pmtilesWriter';

/** Small map packs made in code: solid-colour 256 px PNG tiles at z0–z2, as MBTiles or PMTiles files. */

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of one colour. */
export function solidPng(r: number, g: number, b: number, size = 256): Uint8Array {
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([r, g, b], 1 + x * 3);
  return png(Buffer.concat(Array.from({ length: size }, () => row)), size);
}

/** A PNG of random pixels: about 200 KB that do not compress, to make a pack of several download chunks. */
export function noisePng(size = 256): Uint8Array {
  const raw = randomBytes((1 + size * 3) * size);
  for (let y = 0; y < size; y++) raw[y * (1 + size * 3)] = 0; // filter type: none
  return png(raw, size);
}

function png(raw: Buffer, size: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

export interface FixtureTile {
  z: number;
  x: number;
  /** XYZ row (from the north). */
  y: number;
  data: Uint8Array;
}

/** Every tile of z0–maxZoom, of colour (80z, 60x, 60y), but the column x = 3 all blue (runs of one content). */
export function pyramid(maxZoom = 2): FixtureTile[] {
  const tiles: FixtureTile[] = [];
  for (let z = 0; z <= maxZoom; z++)
    for (let x = 0; x < 2 ** z; x++)
      for (let y = 0; y < 2 ** z; y++)
        tiles.push({ z, x, y, data: x === 3 ? solidPng(0, 0, 255) : solidPng(80 * z, 60 * x, 60 * y) });
  return tiles;
}

/** A raster or vector MBTiles file's bytes (rows stored TMS, from the south). */
export function mbtilesBytes(
  tiles: FixtureTile[],
  metadata: Record<string, string> = { name: 'Test', format: 'png' },
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'mbtiles-'));
  const path = join(dir, 'pack.mbtiles');
  try {
    const db = new SQLite(path);
    db.exec(`create table metadata (name text, value text);
      create table tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);
      create unique index tile_index on tiles (zoom_level, tile_column, tile_row);`);
    const meta = db.prepare('insert into metadata values (?, ?)');
    for (const [name, value] of Object.entries(metadata)) meta.run(name, value);
    const insert = db.prepare('insert into tiles values (?, ?, ?, ?)');
    for (const t of tiles) insert.run(t.z, t.x, 2 ** t.z - 1 - t.y, Buffer.from(t.data));
    db.close();
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Some fake vector tiles: gzip'd bytes (the converter does not decode MVT). */
export function vectorTiles(): FixtureTile[] {
  return [
    { z: 0, x: 0, y: 0, data: gzipSync(Buffer.from('vector tile 0/0/0')) },
    { z: 1, x: 1, y: 0, data: gzipSync(Buffer.from('vector tile 1/1/0')) },
  ];
}

/** A PMTiles v3 file of raster tiles, written with the server's writer. */
export async function pmtilesBytes(tiles: FixtureTile[]): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'pmtiles-'));
  const path = join(dir, 'pack.pmtiles');
  try {
    const writer = new PmtilesWriter(path);
    const ordered = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
    for (const t of ordered) await writer.addTile(t.id, t.data);
    const zooms = tiles.map((t) => t.z);
    await writer.finish({
      tileType: TileTypeCode.png,
      tileCompression: Compression.none,
      minZoom: Math.min(...zooms),
      maxZoom: Math.max(...zooms),
      bounds: [-180, -85, 180, 85],
      center: [0, 0, 0],
      metadata: { name: 'Test', attribution: '© Test contributors' },
    });
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
