import * as XLSX from '@e965/xlsx';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExportCli } from '../../../src/server/export/commands';
import { DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { putRecords } from './coordination';

const AT = new Date('2026-11-24T08:00:00.000Z');
const CSV = `/api/export/csv?form=${DEMO_FORM.id}`;

describe.each(backends)('personal data in exports on $name', (backend) => {
  let server: TestServer;

  beforeEach(async () => {
    server = await setupServer(backend);
    const client = newClientId();
    expect((await server.push('agent', client, [submission(client, 1)])).status).toBe(200);
  });
  afterEach(async () => {
    await server?.close();
  });

  async function get(username: string, path: string) {
    return server.request(path, { token: await server.login(username) });
  }
  const latest = async (action: string) => (await server.storage.listAudit(1, { action }))[0];

  it('leaves the demo form’s name and household position out of every format by default', async () => {
    const csv = await (await get('supervisor', CSV)).text();
    expect(csv).not.toContain('Aminata');
    expect(csv.split('\r\n')[0]).not.toMatch(/respondent_name|location/);
    expect(csv).toContain('household_size');
    const hxl = await (await get('supervisor', CSV.replace('csv', 'hxl'))).text();
    expect(hxl).not.toContain('Aminata');
    const xlsx = XLSX.read(
      new Uint8Array(await (await get('supervisor', CSV.replace('csv', 'xlsx'))).arrayBuffer()),
    );
    const sheet = XLSX.utils.sheet_to_csv(xlsx.Sheets[xlsx.SheetNames[0] ?? ''] as XLSX.WorkSheet);
    expect(sheet).not.toMatch(/Aminata|16\.2717/);
    const geo = (await (await get('supervisor', CSV.replace('csv', 'geojson'))).json()) as {
      features: unknown[];
    };
    expect(geo.features).toEqual([]);
    expect((await latest('export.geojson'))?.details).toMatchObject({
      includePersonal: false,
      personalFields: ['respondent_name', 'location'],
    });
  });

  it('includes them for supervisors and admins who ask, and audits it', async () => {
    for (const who of ['supervisor', 'admin']) {
      const res = await get(who, `${CSV}&includePersonal=true`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Aminata Maïga');
      const entry = await latest('export.csv');
      expect(entry?.userId).toBe((await server.storage.userByUsername(who))?.id);
      expect(entry?.details).toMatchObject({
        form: DEMO_FORM.id,
        includePersonal: true,
        geoPrecision: null,
        personalFields: ['respondent_name', 'location'],
        records: 1,
      });
    }
  });

  it('refuses includePersonal to agents and focal points with 403, and audits the refusal', async () => {
    for (const who of ['agent', 'focal']) {
      const res = await get(who, `${CSV}&includePersonal=true`);
      expect(res.status, who).toBe(403);
      expect(await res.text()).not.toContain('Aminata');
      const refused = await latest('export.refused');
      expect(refused?.userId).toBe((await server.storage.userByUsername(who))?.id);
      expect(refused?.details).toMatchObject({ format: 'csv', includePersonal: true });
    }
    // Asking for the default explicitly is fine for everyone.
    expect((await get('agent', `${CSV}&includePersonal=false`)).status).toBe(200);
  });

  it('rounds coordinates to geoPrecision decimals and refuses a precision out of 0–8', async () => {
    const geo = (await (
      await get('supervisor', `${CSV.replace('csv', 'geojson')}&includePersonal=1&geoPrecision=2`)
    ).json()) as { features: { geometry: { coordinates: number[] } }[] };
    expect(geo.features.map((f) => f.geometry.coordinates)).toEqual([[-0.04, 16.27]]);
    expect((await latest('export.geojson'))?.details).toMatchObject({ geoPrecision: 2 });
    const csv = await (await get('admin', `${CSV}&includePersonal=true&geoPrecision=0`)).text();
    expect(csv).toMatch(/,16,-0,|,16,0,/);
    for (const bad of ['9', '-1', '1.5', 'abc', '']) {
      const res = await get('supervisor', `${CSV}&geoPrecision=${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('rounds the project points of the projects GeoJSON and of IATI too', async () => {
    await putRecords(
      server.storage,
      'organisations',
      [{ id: 'adn', name: 'ADN', acronym: 'ADN', iatiId: 'ML-NIF-0042', type: '22', deleted: false }],
      () => DEMO_PROJECT.id,
      AT,
    );
    await putRecords(
      server.storage,
      'projects',
      [
        {
          ...DEMO_PROJECT,
          plannedStart: '2026-01-01',
          sectors: [{ code: '72040', percentage: 100 }],
          locations: [
            { name: 'Gao', adm1: 'ML07', adm2: null, adm3: null, point: { lat: 16.27, lon: -0.04 } },
          ],
        },
      ],
      (p) => p.id as string,
      AT,
    );
    const points = (await (await get('agent', '/api/export/geojson?geoPrecision=1')).json()) as {
      features: { geometry: { coordinates: number[] } }[];
    };
    expect(points.features[0]?.geometry.coordinates).toEqual([0, 16.3]);
    const xml = await (await get('supervisor', '/api/export/iati?geoPrecision=1')).text();
    expect(xml).toContain('<pos>16.3 0</pos>');
  });

  it('does the same at the command line: --include-personal and --geo-precision, audited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'terrain-personal-'));
    const errors: string[] = [];
    const io = {
      out: () => {},
      err: (l: string) => errors.push(l),
      env: {},
      storage: server.storage,
      now: () => AT,
    };
    try {
      const out = join(dir, 'out.geojson');
      expect(await runExportCli(['csv', '--form', DEMO_FORM.id, '--out', join(dir, 'plain')], io)).toBe(0);
      const plain = await readFile(join(dir, 'plain', `${DEMO_FORM.id}.csv`), 'utf8');
      expect(plain).not.toContain('Aminata');
      const args = ['geojson', '--form', DEMO_FORM.id, '--include-personal', '--geo-precision', '3'];
      expect(await runExportCli([...args, '--out', out], io)).toBe(0);
      const geo = JSON.parse(await readFile(out, 'utf8')) as {
        features: { geometry: { coordinates: number[] }; properties: Record<string, string> }[];
      };
      expect(geo.features[0]?.geometry.coordinates).toEqual([-0.045, 16.272]);
      expect(geo.features[0]?.properties.respondent_name).toBe('Aminata Maïga');
      const entry = await latest('export.geojson');
      expect(entry?.userId).toBeNull();
      expect(entry?.details).toMatchObject({ includePersonal: true, geoPrecision: 3 });
      for (const bad of ['9', 'x'])
        expect(
          await runExportCli(['csv', '--form', DEMO_FORM.id, '--geo-precision', bad, '--out', out], io),
        ).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
