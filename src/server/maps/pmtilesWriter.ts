import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm, type FileHandle } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/**
 * A small PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): tiles are added
 * in increasing Hilbert tile id order; identical contents are stored once (consecutive ones as a run);
 * directories are varint-encoded and gzip'd; the root directory fits in the first 16 KiB with the header,
 * leaf directories taking the rest when there are many tiles. Layout: header, root directory, JSON metadata,
 * leaf directories, tile data (clustered).
 */

export const HEADER_BYTES = 127;
/** The header and the root directory are read in one request of this size. */
export const ROOT_BYTES = 16_384;

/** PMTiles' compression codes. */
export const Compression = { none: 1, gzip: 2 } as const;
/** PMTiles' tile type codes. */
export const TileTypeCode = { mvt: 1, png: 2, jpg: 3, webp: 4 } as const;

export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  /** Tiles from tileId on with the same content; 0 marks a leaf directory. */
  runLength: number;
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** A directory as the spec encodes it, before compression. */
export function serializeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let lastId = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    if (i > 0 && prev && e.offset === prev.offset + prev.length) writeVarint(out, 0);
    else writeVarint(out, e.offset + 1);
  });
  return Uint8Array.from(out);
}

const gzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes));

/** The root directory and, when it would not fit beside the header, the leaf directories it points to. */
export function buildDirectories(entries: readonly DirectoryEntry[]): {
  root: Uint8Array;
  leaves: Uint8Array;
} {
  const room = ROOT_BYTES - HEADER_BYTES;
  const root = gzip(serializeDirectory(entries));
  if (root.length <= room) return { root, leaves: new Uint8Array(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries: DirectoryEntry[] = [];
    const leaves: Uint8Array[] = [];
    let leavesLength = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const slice = entries.slice(i, i + leafSize);
      const leaf = gzip(serializeDirectory(slice));
      rootEntries.push({ tileId: slice[0]!.tileId, offset: leavesLength, length: leaf.length, runLength: 0 });
      leaves.push(leaf);
      leavesLength += leaf.length;
    }
    const compact = gzip(serializeDirectory(rootEntries));
    if (compact.length <= room) return { root: compact, leaves: Buffer.concat(leaves) };
  }
}

export interface HeaderFields {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leavesOffset: number;
  leavesLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  clustered: boolean;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  /** West, south, east, north. */
  bounds: [number, number, number, number];
  center: [number, number, number];
}

export function encodeHeader(h: HeaderFields): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  view.setUint8(7, 3);
  const u64 = [
    h.rootOffset,
    h.rootLength,
    h.metadataOffset,
    h.metadataLength,
    h.leavesOffset,
    h.leavesLength,
    h.tileDataOffset,
    h.tileDataLength,
    h.addressedTiles,
    h.tileEntries,
    h.tileContents,
  ];
  u64.forEach((value, i) => view.setBigUint64(8 + i * 8, BigInt(value), true));
  view.setUint8(96, h.clustered ? 1 : 0);
  view.setUint8(97, h.internalCompression);
  view.setUint8(98, h.tileCompression);
  view.setUint8(99, h.tileType);
  view.setUint8(100, h.minZoom);
  view.setUint8(101, h.maxZoom);
  const e7 = (deg: number) => Math.round(deg * 10_000_000);
  view.setInt32(102, e7(h.bounds[0]), true);
  view.setInt32(106, e7(h.bounds[1]), true);
  view.setInt32(110, e7(h.bounds[2]), true);
  view.setInt32(114, e7(h.bounds[3]), true);
  view.setUint8(118, h.center[2]);
  view.setInt32(119, e7(h.center[0]), true);
  view.setInt32(123, e7(h.center[1]), true);
  return bytes;
}

function write(stream: WriteStream, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (err) => (err ? reject(err) : resolve()));
  });
}

function end(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export interface ArchiveInfo {
  tileType: number;
  tileCompression: number;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: Record<string, unknown>;
}

/**
 * Writes one archive to `path`. Tile data goes to `path + '.tiles'` as it comes, then the finished file is
 * the header, directories and metadata followed by a copy of it.
 */
export class PmtilesWriter {
  private readonly entries: DirectoryEntry[] = [];
  private readonly offsets = new Map<string, number>();
  private readonly tilesPath: string;
  private readonly tiles: WriteStream;
  private tileDataLength = 0;
  private addressed = 0;
  private lastId = -1;

  constructor(private readonly path: string) {
    this.tilesPath = `${path}.tiles`;
    this.tiles = createWriteStream(this.tilesPath, { mode: 0o600 });
  }

  /** Adds a tile; ids must increase. */
  async addTile(tileId: number, data: Uint8Array): Promise<void> {
    if (tileId <= this.lastId) throw new Error(`Tiles must be added in increasing id order (${tileId})`);
    this.lastId = tileId;
    this.addressed += 1;
    const hash = createHash('sha256').update(data).digest('base64');
    const known = this.offsets.get(hash);
    const last = this.entries.at(-1);
    if (known !== undefined) {
      if (last && last.offset === known && last.tileId + last.runLength === tileId) last.runLength += 1;
      else this.entries.push({ tileId, offset: known, length: data.length, runLength: 1 });
      return;
    }
    this.offsets.set(hash, this.tileDataLength);
    this.entries.push({ tileId, offset: this.tileDataLength, length: data.length, runLength: 1 });
    this.tileDataLength += data.length;
    await write(this.tiles, data);
  }

  get tileCount(): number {
    return this.addressed;
  }

  async finish(info: ArchiveInfo): Promise<void> {
    await end(this.tiles);
    try {
      const { root, leaves } = buildDirectories(this.entries);
      const metadata = gzip(new TextEncoder().encode(JSON.stringify(info.metadata)));
      const rootOffset = HEADER_BYTES;
      const metadataOffset = rootOffset + root.length;
      const leavesOffset = metadataOffset + metadata.length;
      const tileDataOffset = leavesOffset + leaves.length;
      const header = encodeHeader({
        rootOffset,
        rootLength: root.length,
        metadataOffset,
        metadataLength: metadata.length,
        leavesOffset,
        leavesLength: leaves.length,
        tileDataOffset,
        tileDataLength: this.tileDataLength,
        addressedTiles: this.addressed,
        tileEntries: this.entries.length,
        tileContents: this.offsets.size,
        clustered: true,
        internalCompression: Compression.gzip,
        tileCompression: info.tileCompression,
        tileType: info.tileType,
        minZoom: info.minZoom,
        maxZoom: info.maxZoom,
        bounds: info.bounds,
        center: info.center,
      });
      const out = createWriteStream(this.path, { mode: 0o600 });
      for (const part of [header, root, metadata, leaves]) await write(out, part);
      await new Promise<void>((resolve, reject) => {
        const source = createReadStream(this.tilesPath);
        source.once('error', reject);
        source.once('end', resolve);
        source.pipe(out, { end: false });
      });
      await end(out);
    } finally {
      await rm(this.tilesPath, { force: true });
    }
  }

  /** Drops what was written (an upload refused half-way). */
  async abort(): Promise<void> {
    this.tiles.destroy();
    await rm(this.tilesPath, { force: true });
    await rm(this.path, { force: true });
  }
}

/** Reads `length` bytes at `offset` of an open file. */
export async function readAt(file: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  const { bytesRead } = await file.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}
