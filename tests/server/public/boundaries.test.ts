import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import type { PublicBoundaries } from '../../../src/core/public/publicAreas';
import type { Mutation } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { KyselyBoundaryOps } from '../../../src/server/storage/BoundaryOps';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, type TestServer } from '../harness';

/**
 * Administrative boundaries (issue 15): uploaded by supervisors and admins, refused with a reason per feature,
 * and served to the public site with, per area, the public projects working there and their budget.
 */
const START = Date.parse('2026-11-24T08:00:00.000Z');
let tick = 0;

function projectEdit(clientId: string, seq: number, id: string, fields: Record<string, unknown>): Mutation {
  return {
    mutationId: randomUUID(),
    clientId,
    seq,
    hlc: encodeHlc({ wall: START + ++tick, counter: 0, node: clientId }),
    table: 'projects',
    id,
    op: 'put',
    fields,
  };
}

const square = (x: number, y: number, size = 1) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];

/** Three regions of Mali, written as OCHA's COD-AB writes them (squares, not their real shapes). */
const REGIONS = {
  type: 'FeatureCollection',
  features: [
    { code: 'ML07', name: 'Gao', at: [0, 16] },
    { code: 'ML06', name: 'Tombouctou', at: [-3, 17] },
    { code: 'ML08', name: 'Kidal', at: [1, 19] },
  ].map(({ code, name, at }) => ({
    type: 'Feature',
    properties: { ADM0_PCODE: 'ML', ADM1_PCODE: code, ADM1_FR: name, Shape_Area: 1.2 },
    geometry: { type: 'Polygon', coordinates: square(at[0]!, at[1]!) },
  })),
};

const place = (adm1: string, name: string) => ({ name, adm1, adm2: null, adm3: null, point: null });
const budget = (value: number, currency = 'XOF') => ({
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  value,
  currency,
  type: 'original',
});

describe.each(backends)('administrative boundaries on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function upload(s: TestServer, user: string, body: unknown, query = 'level=adm1') {
    return s.request(`/api/boundaries?${query}`, {
      token: await s.login(user),
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/geo+json' },
      method: 'POST',
    });
  }

  it('counts public projects and their budget per area, never a private one; cached with an ETag', async () => {
    server = await setupServer(backend);
    expect(await (await server.request('/public/api/boundaries')).json()).toEqual({ levels: [] });

    const created = await upload(server, 'supervisor', REGIONS, 'level=adm1&file=mli_adm1.geojson');
    expect(created.status, await created.clone().text()).toBe(201);
    expect(await created.json()).toMatchObject({
      level: 'adm1',
      areas: 3,
      pcodeProperty: 'ADM1_PCODE',
      nameProperty: 'ADM1_FR',
    });

    const admin = newClientId();
    const pushed = await server.push('admin', admin, [
      projectEdit(admin, 1, DEMO_PROJECT.id, {
        public: true,
        locations: [place('ML07', 'Gao'), place('ML07', 'Ansongo'), place('ML06', 'Tombouctou')],
        budgets: [budget(1_000_000), budget(5000, 'EUR')],
      }),
      // Private: in Gao and Kidal too, and never counted.
      projectEdit(admin, 2, OTHER_PROJECT, {
        locations: [place('ML07', 'Gao'), place('ML08', 'Kidal')],
        budgets: [budget(9_999_999)],
      }),
    ]);
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const res = await server.request('/public/api/boundaries');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    const body = (await res.json()) as PublicBoundaries;
    expect(body.levels).toHaveLength(1);
    const areas = Object.fromEntries(body.levels[0]!.areas.map((a) => [a.pcode, a]));
    // One project with two places in Gao counts once there, with its whole budget.
    expect(areas.ML07).toMatchObject({ name: 'Gao', projects: 1, budget: { XOF: 1_000_000, EUR: 5000 } });
    expect(areas.ML06).toMatchObject({ name: 'Tombouctou', projects: 1, budget: { XOF: 1_000_000 } });
    expect(areas.ML08).toMatchObject({ name: 'Kidal', projects: 0, budget: {} });
    expect(areas.ML07?.geometry.type).toBe('Polygon');
    expect(JSON.stringify(body)).not.toMatch(/9999999|Autre projet|AP-TBT/);

    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    // The 304 comes from the levels' summaries and the records' stamp: the shapes are not read.
    const shapes = vi.spyOn(KyselyBoundaryOps.prototype, 'list');
    const again = await server.request('/public/api/boundaries', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(shapes).not.toHaveBeenCalled();
    shapes.mockRestore();

    // The admin can list and delete a level; the public answer then changes.
    const listed = await server.request('/api/boundaries', { token: await server.login('admin') });
    expect(await listed.json()).toMatchObject({
      levels: [{ level: 'adm1', areaCount: 3, sourceName: 'mli_adm1.geojson' }],
    });
    const removed = await server.request('/api/boundaries/adm1', {
      method: 'DELETE',
      token: await server.login('admin'),
    });
    expect(removed.status).toBe(204);
    const after = await server.request('/public/api/boundaries', { headers: { 'if-none-match': etag! } });
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ levels: [] });
    const audit = await server.storage.listAudit(50, { action: 'boundaries.' });
    expect(audit.map((a) => a.action).sort()).toEqual(['boundaries.delete', 'boundaries.upload']);
  });

  it('refuses agents, files that are not areas, and says which feature is wrong', async () => {
    server = await setupServer(backend);
    expect((await upload(server, 'agent', REGIONS)).status).toBe(403);
    expect((await server.request('/api/boundaries?level=adm1', { method: 'POST' })).status).toBe(401);

    const notJson = await upload(server, 'admin', '{"type": "FeatureCollection", ');
    expect(notJson.status).toBe(400);

    const badLevel = await upload(server, 'admin', REGIONS, 'level=adm9');
    expect(badLevel.status).toBe(400);

    const wrong = structuredClone(REGIONS) as { features: { geometry: unknown; properties: unknown }[] };
    wrong.features[0]!.geometry = { type: 'Point', coordinates: [0, 16] };
    wrong.features[2]!.geometry = { type: 'Polygon', coordinates: square(200, 19) };
    const refused = await upload(server, 'admin', wrong);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as {
      error: { code: string; details: { feature: number; message: string }[] };
    };
    expect(error.code).toBe('validation');
    expect(error.details).toHaveLength(2);
    expect(error.details.map((d) => d.feature)).toEqual([0, 2]);
    expect(error.details[0]?.message).toMatch(/Point is not an area/);
    expect(error.details[1]?.message).toMatch(/longitude/);

    // Properties that are not OCHA's must be named; then they are used.
    const other = structuredClone(REGIONS) as { features: { properties: Record<string, unknown> }[] };
    for (const f of other.features)
      f.properties = { code: f.properties.ADM1_PCODE, nom: f.properties.ADM1_FR };
    const unnamed = await upload(server, 'admin', other);
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toMatch(/No property holds every feature's P-code and name/);
    expect((await upload(server, 'admin', other, 'level=adm1&pcode=code&name=nom')).status).toBe(201);

    const tooLarge = await server.request('/api/boundaries?level=adm1', {
      method: 'POST',
      token: await server.login('admin'),
      headers: { 'content-type': 'application/geo+json', 'content-length': String(21 * 1024 * 1024) },
      body: '{}',
    });
    expect(tooLarge.status).toBe(413);
    expect(await server.request('/api/boundaries', { token: await server.login('agent') })).toHaveProperty(
      'status',
      403,
    );
  });
});
