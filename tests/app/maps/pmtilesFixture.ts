import type { RangeResponse, Source } from 'pmtiles';

/** LEB128, as PMTiles directories write numbers. */
function varint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/**
 * A minimal PMTiles v3 archive (no compression): one tile at zoom 0, of `tileType` (1 MVT, 2 PNG), with the
 * metadata given. Enough for the `pmtiles` reader: header, root directory, metadata, tile data.
 */
export function minimalPmtiles(
  tileType: number,
  metadata: object,
  tile = new Uint8Array([1, 2, 3, 4]),
): Uint8Array {
  const dir: number[] = [];
  varint(1, dir); // one entry
  varint(0, dir); // tile id 0 (z0/0/0)
  varint(1, dir); // run length
  varint(tile.length, dir); // length
  varint(0 + 1, dir); // offset + 1
  const meta = new TextEncoder().encode(JSON.stringify(metadata));
  const header = new Uint8Array(127);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode('PMTiles'), 0);
  header[7] = 3;
  const u64 = (at: number, n: number) => view.setBigUint64(at, BigInt(n), true);
  const rootOffset = 127;
  const metaOffset = rootOffset + dir.length;
  const dataOffset = metaOffset + meta.length;
  u64(8, rootOffset);
  u64(16, dir.length);
  u64(24, metaOffset);
  u64(32, meta.length);
  u64(40, dataOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, tile.length);
  u64(72, 1);
  u64(80, 1);
  u64(88, 1);
  header[96] = 1; // clustered
  header[97] = 1; // internal compression: none
  header[98] = 1; // tile compression: none
  header[99] = tileType;
  header[100] = 0;
  header[101] = 0;
  view.setInt32(102, -1800000000, true);
  view.setInt32(106, -850000000, true);
  view.setInt32(110, 1800000000, true);
  view.setInt32(114, 850000000, true);
  const out = new Uint8Array(dataOffset + tile.length);
  out.set(header, 0);
  out.set(dir, rootOffset);
  out.set(meta, metaOffset);
  out.set(tile, dataOffset);
  return out;
}

/** A pmtiles Source over bytes in memory (what a pack read from the device's storage is). */
export function memorySource(key: string, bytes: Uint8Array): Source {
  return {
    getKey: () => key,
    getBytes: (offset: number, length: number): Promise<RangeResponse> =>
      Promise.resolve({ data: bytes.slice(offset, offset + length).buffer }),
  };
}
