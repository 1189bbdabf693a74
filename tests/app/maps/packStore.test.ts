import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PMTiles } from 'pmtiles';
import type { MapPack } from '../../../src/core/maps/mapPack';
import {
  closePackStore,
  deleteLocalPack,
  downloadPack,
  listLocalPacks,
  localPackSource,
  PackDownloadError,
  setPackBackend,
} from '../../../src/app/maps/packStore';
import { parseRange } from '../../../src/server/maps/range';
import { pmtilesBytes, pyramid } from '../../server/maps/fixtures';

const tiles = pyramid(2);
let file: Uint8Array;
let pack: MapPack;

beforeAll(async () => {
  file = new Uint8Array(await pmtilesBytes(tiles));
  pack = {
    id: 'mp_0123456789abcdef0123456789abcdef',
    projectId: 'p1',
    name: 'Mopti',
    format: 'pmtiles',
    tileType: 'png',
    bytes: file.length,
    minZoom: 0,
    maxZoom: 2,
    bounds: [-180, -85, 180, 85],
    attribution: '© Test',
    createdAt: '2026-12-06T10:00:00.000Z',
  };
  setPackBackend('idb');
});

afterEach(async () => {
  for (const local of await listLocalPacks()) await deleteLocalPack(local.id);
  vi.unstubAllGlobals();
});

/** A server of one file: range requests (If-Range honoured), counted. */
function fakeServer(bytes: () => Uint8Array, etag: () => string = () => '"v1"') {
  const ranges: string[] = [];
  const fetch = vi.fn((_url: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    expect(headers.get('authorization')).toBe('Bearer tok');
    const body = bytes();
    const ifRange = headers.get('if-range');
    const range =
      ifRange && ifRange !== etag() ? undefined : parseRange(headers.get('range') ?? undefined, body.length);
    if (range === 'unsatisfiable') return Promise.resolve(new Response(null, { status: 416 }));
    if (!range)
      return Promise.resolve(new Response(body.slice(), { status: 200, headers: { ETag: etag() } }));
    ranges.push(`${range.start}-${range.end}`);
    return Promise.resolve(
      new Response(body.slice(range.start, range.end + 1), {
        status: 206,
        headers: { ETag: etag(), 'Content-Range': `bytes ${range.start}-${range.end}/${body.length}` },
      }),
    );
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, ranges };
}

async function tileFrom(packId: string, z: number, x: number, y: number) {
  const source = await localPackSource(packId);
  if (!source) return undefined;
  const tile = await new PMTiles(source).getZxy(z, x, y);
  return tile && new Uint8Array(tile.data);
}

describe('map pack store', () => {
  it('downloads a pack in chunks with progress, keeps it, and reads its tiles offline', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persist, persisted: () => Promise.resolve(false) } });
    const server = fakeServer(() => file);
    const progress: number[] = [];
    const result = await downloadPack(pack, {
      token: 'tok',
      fetch: server.fetch,
      chunkBytes: 4096,
      onProgress: (received) => progress.push(received),
    });
    expect(result).toBe('complete');
    expect(persist).toHaveBeenCalled();
    expect(server.ranges.length).toBe(Math.ceil(file.length / 4096));
    expect(progress.at(0)).toBe(0);
    expect(progress.at(-1)).toBe(file.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const [local] = await listLocalPacks();
    expect(local).toMatchObject({ id: pack.id, complete: true, received: file.length, pack });

    closePackStore(); // as after a reload
    for (const t of tiles) expect(await tileFrom(pack.id, t.z, t.x, t.y)).toEqual(t.data);
    expect(await tileFrom(pack.id, 3, 0, 0)).toBeUndefined();
  });

  it('pauses, and resumes from the bytes already stored', async () => {
    const server = fakeServer(() => file);
    const controller = new AbortController();
    let chunks = 0;
    const first = await downloadPack(pack, {
      token: 'tok',
      fetch: server.fetch,
      chunkBytes: 4096,
      signal: controller.signal,
      onProgress: () => {
        if (++chunks === 3) controller.abort();
      },
    });
    expect(first).toBe('paused');
    const [paused] = await listLocalPacks();
    expect(paused).toMatchObject({ complete: false, received: 2 * 4096 });
    expect(await localPackSource(pack.id)).toBeUndefined();

    server.ranges.length = 0;
    closePackStore();
    expect(await downloadPack(pack, { token: 'tok', fetch: server.fetch })).toBe('complete');
    // The chunk size of the first download holds, and it starts where it stopped.
    expect(server.ranges[0]).toBe(`${2 * 4096}-${3 * 4096 - 1}`);
    for (const t of tiles) expect(await tileFrom(pack.id, t.z, t.x, t.y)).toEqual(t.data);
  });

  it('starts again when the file changed on the server', async () => {
    let version = 1;
    const other = new Uint8Array(file.length).fill(7);
    const server = fakeServer(
      () => (version === 1 ? file : other),
      () => `"v${version}"`,
    );
    const controller = new AbortController();
    await downloadPack(pack, {
      token: 'tok',
      fetch: server.fetch,
      chunkBytes: 4096,
      signal: controller.signal,
      onProgress: (received) => received >= 4096 && controller.abort(),
    });
    version = 2;
    expect(await downloadPack(pack, { token: 'tok', fetch: server.fetch })).toBe('complete');
    const source = (await localPackSource(pack.id))!;
    const all = new Uint8Array((await source.getBytes(0, file.length)).data);
    expect(all).toEqual(other);
  });

  it('says why a download failed, and deletes a pack', async () => {
    const refused = vi.fn(() => Promise.resolve(new Response('{}', { status: 403 })));
    await expect(downloadPack(pack, { token: 'tok', fetch: refused })).rejects.toThrow(PackDownloadError);
    await downloadPack(pack, { token: 'tok', fetch: fakeServer(() => file).fetch });
    await deleteLocalPack(pack.id);
    expect(await listLocalPacks()).toEqual([]);
    expect(await localPackSource(pack.id)).toBeUndefined();
  });
});
