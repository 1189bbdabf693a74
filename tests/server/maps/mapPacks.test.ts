import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PMTiles, type Source } from 'pmtiles';
import { MapPack, MapPackList } from '../../../src/core/maps/mapPack';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { buildDirectories, serializeDirectory } from '../../../src/server/maps/pmtilesWriter';
import { backends } from '../backends';
import { OTHER_PROJECT, setupServer, type TestServer } from '../harness';
import { mbtilesBytes, pmtilesBytes, pyramid, vectorTiles, type FixtureTile } from './fixtures';

/** A `pmtiles` Source over bytes in memory. */
class BufferSource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey() {
    return 'buffer';
  }
  getBytes(offset: number, length: number) {
    const slice = this.bytes.slice(offset, offset + length);
    return Promise.resolve({ data: slice.buffer });
  }
}

async function tileOf(bytes: Uint8Array, z: number, x: number, y: number): Promise<Uint8Array | undefined> {
  const tile = await new PMTiles(new BufferSource(bytes)).getZxy(z, x, y);
  return tile && new Uint8Array(tile.data);
}

function form(
  file: Uint8Array,
  fileName: string,
  fields: Record<string, string> = { name: 'Mopti' },
): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  body.set('file', new Blob([new Uint8Array(file)]), fileName);
  return body;
}

describe('PMTiles writer', () => {
  it('puts many tiles in leaf directories, with a root that fits in 16 KiB', () => {
    const entries = Array.from({ length: 60_000 }, (_, i) => ({
      tileId: i * 3,
      offset: i * 1000,
      length: 900 + (i % 7),
      runLength: 1,
    }));
    const { root, leaves } = buildDirectories(entries);
    expect(root.length).toBeLessThanOrEqual(16_384 - 127);
    expect(leaves.length).toBeGreaterThan(0);
    // Contiguous offsets are written as 0.
    expect(serializeDirectory(entries.slice(0, 2)).length).toBeLessThan(20);
  });
});

describe.each(backends)('map packs on $name', (backend) => {
  let server: TestServer;
  const tiles = pyramid(2);
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(() => server.close());

  async function upload(username: string, body: FormData, projectId = DEMO_PROJECT.id) {
    return server.request(`/api/projects/${projectId}/map-packs`, {
      method: 'POST',
      token: await server.login(username),
      body,
    });
  }

  async function download(username: string, id: string, headers: Record<string, string> = {}) {
    return server.request(`/api/map-packs/${id}/file`, { token: await server.login(username), headers });
  }

  const expectTiles = async (bytes: Uint8Array, expected: FixtureTile[]) => {
    for (const t of expected)
      expect(await tileOf(bytes, t.z, t.x, t.y), `${t.z}/${t.x}/${t.y}`).toEqual(t.data);
    expect(await tileOf(bytes, 3, 0, 0)).toBeUndefined();
  };

  it('converts an MBTiles upload once to PMTiles, with its y rows flipped, and serves it', async () => {
    const res = await upload(
      'supervisor',
      form(
        mbtilesBytes(tiles, { name: 'Mopti', format: 'png', attribution: '© OSM', bounds: '-5,13,-3,15' }),
        'mopti.mbtiles',
      ),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const pack = MapPack.parse(await res.json());
    expect(pack).toMatchObject({
      name: 'Mopti',
      tileType: 'png',
      minZoom: 0,
      maxZoom: 2,
      attribution: '© OSM',
    });
    expect(pack.bounds).toEqual([-5, 13, -3, 15]);

    const list = MapPackList.parse(
      await (
        await server.request(`/api/projects/${DEMO_PROJECT.id}/map-packs`, {
          token: await server.login('agent'),
        })
      ).json(),
    );
    expect(list.packs.map((p) => p.id)).toEqual([pack.id]);

    const whole = await download('agent', pack.id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const etag = whole.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(bytes.length).toBe(pack.bytes);
    await expectTiles(bytes, tiles);

    // Range reads, in several requests, make up the same file.
    const parts: Uint8Array[] = [];
    for (let start = 0; start < pack.bytes; start += 1000) {
      const end = Math.min(start + 999, pack.bytes - 1);
      const part = await download('agent', pack.id, { range: `bytes=${start}-${end}` });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/${pack.bytes}`);
      expect(part.headers.get('etag')).toBe(etag);
      parts.push(new Uint8Array(await part.arrayBuffer()));
    }
    expect(Buffer.concat(parts)).toEqual(Buffer.from(bytes));
    const tail = await download('agent', pack.id, { range: 'bytes=-10' });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(-10));
    const open = await download('agent', pack.id, { range: `bytes=${pack.bytes - 5}-` });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(5);

    const bad = await download('agent', pack.id, { range: `bytes=${pack.bytes}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${pack.bytes}`);
    expect((await download('agent', pack.id, { range: 'bytes=20-10' })).status).toBe(416);
    expect((await download('agent', pack.id, { 'if-none-match': etag! })).status).toBe(304);
    // A stale If-Range gets the whole file.
    expect((await download('agent', pack.id, { range: 'bytes=0-9', 'if-range': '"old"' })).status).toBe(200);
  });

  it('keeps a PMTiles v3 upload as it is', async () => {
    const file = await pmtilesBytes(tiles);
    const res = await upload('admin', form(file, 'pack.pmtiles', { name: 'Monde', attribution: '' }));
    expect(res.status, await res.clone().text()).toBe(201);
    const pack = MapPack.parse(await res.json());
    expect(pack.attribution).toBe('© Test contributors');
    expect(pack.bytes).toBe(file.length);
    const bytes = new Uint8Array(await (await download('focal', pack.id)).arrayBuffer());
    expect(Buffer.from(bytes)).toEqual(file);
    await expectTiles(bytes, tiles);
  });

  it('converts vector MBTiles, gzip’d tiles kept', async () => {
    const res = await upload(
      'supervisor',
      form(
        mbtilesBytes(vectorTiles(), { name: 'V', format: 'pbf', json: '{"vector_layers":[{"id":"roads"}]}' }),
        'v.mbtiles',
      ),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const pack = MapPack.parse(await res.json());
    expect(pack.tileType).toBe('mvt');
    const bytes = new Uint8Array(await (await download('agent', pack.id)).arrayBuffer());
    const archive = new PMTiles(new BufferSource(bytes));
    expect(await archive.getMetadata()).toMatchObject({ vector_layers: [{ id: 'roads' }] });
    // The reader un-gzips tiles itself.
    const tile = await archive.getZxy(1, 1, 0);
    expect(new TextDecoder().decode(tile!.data)).toBe('vector tile 1/1/0');
  });

  it('refuses files that are not valid packs, with a reason', async () => {
    const garbage = new TextEncoder().encode('not a map at all');
    const res = await upload('supervisor', form(garbage, 'x.mbtiles'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/MBTiles/);
    const v2 = await pmtilesBytes(tiles);
    v2[7] = 2;
    const old = await upload('supervisor', form(v2, 'old.pmtiles'));
    expect(old.status).toBe(400);
    expect(await old.text()).toMatch(/version 3/);
    const noName = await upload('supervisor', form(await pmtilesBytes(tiles), 'a.pmtiles', { name: ' ' }));
    expect(noName.status).toBe(400);
    const noFile = new FormData();
    noFile.set('name', 'x');
    expect((await upload('supervisor', noFile)).status).toBe(400);
  });

  it('refuses a pack above the size limit', async () => {
    const small = await setupServer(backend, {});
    try {
      // Through a second app with a 1 MB limit, on the same database.
      const { createApp } = await import('../../../src/server/app');
      const { TEST_LIMITS } = await import('../harness');
      const app = createApp({
        storage: small.storage,
        now: () => small.clock.now,
        limits: TEST_LIMITS,
        mapPacks: { workDir: `${process.env.TMPDIR ?? '/tmp'}/terrain-map-pack-test`, maxBytes: 1024 * 1024 },
      });
      const token = await small.login('supervisor');
      const res = await app.request(`/api/projects/${DEMO_PROJECT.id}/map-packs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form(new Uint8Array(2 * 1024 * 1024), 'big.pmtiles'),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('lets only supervisors and admins of the project upload and delete, and members download', async () => {
    const file = await pmtilesBytes(tiles.slice(0, 1));
    expect((await upload('agent', form(file, 'a.pmtiles'))).status).toBe(403);
    expect((await upload('focal', form(file, 'a.pmtiles'))).status).toBe(403);
    expect((await upload('supervisor', form(file, 'a.pmtiles'), OTHER_PROJECT)).status).toBe(403);
    const created = MapPack.parse(await (await upload('supervisor', form(file, 'a.pmtiles'))).json());

    expect((await download('outsider', created.id)).status).toBe(403);
    const list = await server.request(`/api/projects/${DEMO_PROJECT.id}/map-packs`, {
      token: await server.login('outsider'),
    });
    expect(list.status).toBe(403);
    expect((await server.request(`/api/map-packs/${created.id}/file`)).status).toBe(401);

    const del = (username: string) =>
      server
        .login(username)
        .then((token) => server.request(`/api/map-packs/${created.id}`, { method: 'DELETE', token }));
    expect((await del('agent')).status).toBe(403);
    expect((await del('outsider')).status).toBe(403);
    expect((await del('supervisor')).status).toBe(204);
    expect((await download('agent', created.id)).status).toBe(404);
    const after = MapPackList.parse(
      await (
        await server.request(`/api/projects/${DEMO_PROJECT.id}/map-packs`, {
          token: await server.login('agent'),
        })
      ).json(),
    );
    expect(after.packs.map((p) => p.id)).not.toContain(created.id);
    const audit = await server.storage.listAudit(50, { action: 'map_pack.' });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['map_pack.upload', 'map_pack.delete', 'map_pack.download']),
    );
  });
});

describe.each(backends)('map packs left half-stored on $name', (backend) => {
  it('are never listed, and are swept a day later', async () => {
    const server = await setupServer(backend);
    try {
      const at = server.clock.now.toISOString();
      const half = {
        id: 'mp_00000000000000000000000000000001',
        projectId: DEMO_PROJECT.id,
        name: 'cut',
        format: 'pmtiles' as const,
        tileType: 'png' as const,
        bytes: 10,
        minZoom: 0,
        maxZoom: 0,
        bounds: [0, 0, 1, 1] as [number, number, number, number],
        attribution: '',
        createdAt: at,
        sha256: 'x',
        sourceFormat: 'pmtiles' as const,
        createdBy: null,
      };
      await server.storage.mapPacks.insertPack(half);
      await server.storage.mapPacks.putChunk(half.id, 0, new Uint8Array(10).fill(5));
      const token = await server.login('supervisor');
      const list = () =>
        server
          .request(`/api/projects/${DEMO_PROJECT.id}/map-packs`, { token })
          .then((res) => res.json() as Promise<MapPackList>);
      expect((await list()).packs).toEqual([]);
      expect((await server.request(`/api/map-packs/${half.id}/file`, { token })).status).toBe(404);
      server.clock.now = new Date(server.clock.now.getTime() + 25 * 60 * 60 * 1000);
      const res = await server.request(`/api/projects/${DEMO_PROJECT.id}/map-packs`, {
        method: 'POST',
        token,
        body: form(await pmtilesBytes(pyramid(0)), 'a.pmtiles'),
      });
      expect(res.status).toBe(201);
      expect(await server.storage.mapPacks.getPack(half.id)).toBeUndefined();
      // Its bytes too (a missing chunk reads as zeros).
      expect(await server.storage.mapPacks.readRange(half.id, 0, 9)).toEqual(new Uint8Array(10));
    } finally {
      await server.close();
    }
  });
});
