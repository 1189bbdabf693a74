import { open, type FileHandle } from 'node:fs/promises';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import type { MapPackBounds, MapPackTileType } from '../../core/maps/mapPack';
import { HEADER_BYTES, readAt, ROOT_BYTES, TileTypeCode } from './pmtilesWriter';

/** A `pmtiles` Source over a file on the server's disk. */
export class NodeFileSource implements Source {
  constructor(
    private readonly file: FileHandle,
    private readonly key: string,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const bytes = await readAt(this.file, offset, length);
    return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  }
}

/** An upload the server refuses, with the reason the uploader reads. */
export class MapPackFileError extends Error {
  override name = 'MapPackFileError';
}

export interface PackFacts {
  tileType: MapPackTileType;
  minZoom: number;
  maxZoom: number;
  bounds: MapPackBounds;
  /** From the file's metadata (`attribution`), '' when it names none. */
  attribution: string;
}

const TILE_TYPES: Record<number, MapPackTileType> = {
  [TileTypeCode.mvt]: 'mvt',
  [TileTypeCode.png]: 'png',
  [TileTypeCode.jpg]: 'jpg',
  [TileTypeCode.webp]: 'webp',
};

const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

/**
 * Checks a PMTiles v3 file as it will be served: magic and version, every section inside the file, the
 * root directory within the first 16 KiB, a tile type devices can draw; then reads its metadata and root
 * directory with the `pmtiles` package itself, so a file devices could not read is refused here.
 */
export async function inspectPmtiles(path: string, size: number): Promise<PackFacts> {
  const file = await open(path, 'r');
  try {
    if (size < HEADER_BYTES) throw new MapPackFileError('Not a PMTiles file: too short');
    const head = await readAt(file, 0, HEADER_BYTES);
    if (new TextDecoder().decode(head.subarray(0, 7)) !== 'PMTiles')
      throw new MapPackFileError('Not a PMTiles file (its first bytes are not "PMTiles")');
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const version = view.getUint8(7);
    if (version !== 3) throw new MapPackFileError(`PMTiles version ${version}: only version 3 is accepted`);
    const sections: [string, number, number][] = [
      ['root directory', u64(view, 8), u64(view, 16)],
      ['metadata', u64(view, 24), u64(view, 32)],
      ['leaf directories', u64(view, 40), u64(view, 48)],
      ['tile data', u64(view, 56), u64(view, 64)],
    ];
    for (const [name, offset, length] of sections)
      if (offset + length > size)
        throw new MapPackFileError(`PMTiles ${name} lies beyond the end of the file`);
    const [, rootOffset, rootLength] = sections[0]!;
    if (rootOffset + rootLength > ROOT_BYTES)
      throw new MapPackFileError('PMTiles root directory must lie within the first 16 KiB');
    const tileType = TILE_TYPES[view.getUint8(99)];
    if (!tileType)
      throw new MapPackFileError(
        'Unsupported tile type: packs hold PNG, JPEG or WebP images, or vector tiles',
      );
    const compression = view.getUint8(97);
    if (compression !== 1 && compression !== 2)
      throw new MapPackFileError('Unsupported directory compression: use gzip (or none)');
    // What browsers decompress themselves (DecompressionStream): gzip, or nothing.
    if (![0, 1, 2].includes(view.getUint8(98)))
      throw new MapPackFileError('Unsupported tile compression: use gzip (or none)');
    const minZoom = view.getUint8(100);
    const maxZoom = view.getUint8(101);
    if (minZoom > maxZoom || maxZoom > 30) throw new MapPackFileError('Invalid zoom levels in the header');
    const e7 = (at: number) => view.getInt32(at, true) / 10_000_000;
    const bounds: MapPackBounds = [e7(102), e7(106), e7(110), e7(114)];
    let metadata: unknown;
    try {
      const archive = new PMTiles(new NodeFileSource(file, path));
      metadata = await archive.getMetadata();
      // Walks the root directory (and a leaf, if any).
      await archive.getZxy(minZoom, 0, 0);
    } catch (err) {
      throw new MapPackFileError(`Unreadable PMTiles directories or metadata: ${(err as Error).message}`);
    }
    const attribution =
      metadata &&
      typeof metadata === 'object' &&
      typeof (metadata as { attribution?: unknown }).attribution === 'string'
        ? (metadata as { attribution: string }).attribution
        : '';
    return { tileType, minZoom, maxZoom, bounds, attribution };
  } finally {
    await file.close();
  }
}
