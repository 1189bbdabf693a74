import * as XLSX from '@e965/xlsx';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeHlc } from '../../../src/core/hlc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { runExportCli } from '../../../src/server/export/commands';
import { householdForm, sampleSubmission } from '../../core/export/householdForm';
import { validateIati, validateIatiOrganisations } from '../../core/export/iatiFixtures';
import { backends } from '../backends';
import {
  newClientId,
  OTHER_PROJECT,
  publishDefinition,
  setupServer,
  submission,
  type TestServer,
} from '../harness';
import { putRecords } from './coordination';

const AT = new Date('2026-11-24T08:00:00.000Z');

describe.each(backends)('exports on $name', (backend) => {
  let server: TestServer;
  let focalId: string;

  beforeEach(async () => {
    server = await setupServer(backend);
    const agentClient = newClientId();
    const otherClient = newClientId();
    expect((await server.push('agent', agentClient, [submission(agentClient, 1)])).status).toBe(200);
    expect(
      (
        await server.push('agent2', otherClient, [
          submission(otherClient, 1, { answers: { respondent_name: 'Awa' } }),
        ])
      ).status,
    ).toBe(200);
    focalId = (await server.storage.userByUsername('focal'))!.id;
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
          budgets: [
            {
              periodStart: '2026-01-01',
              periodEnd: '2026-12-31',
              value: 1000,
              currency: 'XOF',
              type: 'original',
            },
          ],
          locations: [
            { name: 'Gao', adm1: 'ML07', adm2: null, adm3: null, point: { lat: 16.27, lon: -0.04 } },
          ],
        },
      ],
      (p) => p.id as string,
      AT,
    );
  });
  afterEach(async () => {
    await server?.close();
  });

  async function get(username: string | null, path: string) {
    return server.request(path, username ? { token: await server.login(username) } : {});
  }

  it('gives agents their own submissions and supervisors all, never cached', async () => {
    const path = `/api/export/csv?form=${DEMO_FORM.id}&codes=true`;
    const mine = await get('agent', path);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(mine.headers.get('content-type')).toContain('text/csv');
    const agentRows = (await mine.text()).trim().split('\r\n');
    expect(agentRows).toHaveLength(2);
    // The respondent's name is personal: the agent's row is told by what the supervisor may ask to see.
    expect(agentRows[1]).not.toContain('Aminata');
    const all = (await (await get('supervisor', `${path}&includePersonal=true`)).text()).trim().split('\r\n');
    expect(all).toHaveLength(3);
    // KEY, SubmitterID, SubmitterUsername, SubmitterName and FormVersion end each row: the agent's own is
    // Aminata's, submitted by the agent, named.
    expect(agentRows[0]?.split(',').slice(-4, -1)).toEqual([
      'SubmitterID',
      'SubmitterUsername',
      'SubmitterName',
    ]);
    const key = agentRows[1]?.split(',').at(-5) ?? '?';
    expect(agentRows[1]?.split(',').slice(-3, -1)).toEqual(['agent', 'Moussa Maïga']);
    expect(all.find((row) => row.includes('Aminata'))).toContain(key);
    const hxl = (await (await get('supervisor', `/api/export/hxl?form=${DEMO_FORM.id}`)).text()).split(
      '\r\n',
    );
    expect(hxl[1]).toMatch(/^#date\+reported,/);
  });

  it('exports the current version of a corrected submission, to its agent too', async () => {
    const agentClient = newClientId();
    const first = submission(agentClient, 1, { answers: { household_size: 3 } });
    await server.push('agent', agentClient, [first]);
    const supClient = newClientId();
    const fix = submission(supClient, 1, { fields: { replaces: first.id }, answers: { household_size: 4 } });
    const pushed = await server.push('supervisor', supClient, [
      { ...fix, hlc: encodeHlc({ wall: AT.getTime() + 60_000, counter: 0, node: supClient }) },
    ]);
    expect(pushed.body.results?.[0]?.status).toBe('applied');
    const csv = await (await get('agent', `/api/export/csv?form=${DEMO_FORM.id}`)).text();
    expect(csv).toContain(fix.id);
    expect(csv).not.toContain(first.id);
    expect(csv.trim().split('\r\n')).toHaveLength(3);
  });

  it('refuses bad parameters with a clear 400, strangers with 403, anonymous with 401', async () => {
    for (const path of [
      '/api/export/pdf',
      '/api/export/csv?lang=de',
      '/api/export/csv?form=a%20b',
      '/api/export/csv?colour=red',
      '/api/export/csv',
    ]) {
      const res = await get('supervisor', path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation');
    }
    expect(
      (await get('outsider', `/api/export/csv?form=${DEMO_FORM.id}&project=${DEMO_PROJECT.id}`)).status,
    ).toBe(403);
    expect((await get('outsider', `/api/export/csv?form=${DEMO_FORM.id}`)).status).toBe(404);
    expect((await get(null, `/api/export/csv?form=${DEMO_FORM.id}`)).status).toBe(401);
    expect((await get('agent', `/api/export/csv?form=${DEMO_FORM.id}&project=${OTHER_PROJECT}`)).status).toBe(
      403,
    );
  });

  it('publishes IATI to supervisors and the project focal point only, valid against the schema', async () => {
    expect((await get('agent', '/api/export/iati')).status).toBe(403);
    expect((await get('focal', '/api/export/iati')).status).toBe(403);
    const res = await get('supervisor', '/api/export/iati?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    expect(xml).toContain('<iati-identifier>ML-NIF-0042-SN-GAO-2026</iati-identifier>');
    expect(await validateIati(xml)).toEqual({ valid: true, errors: [] });
    await putRecords(
      server.storage,
      'projects',
      [
        {
          ...DEMO_PROJECT,
          plannedStart: '2026-01-01',
          sectors: [{ code: '72040', percentage: 100 }],
          focalPointId: focalId,
        },
      ],
      (p) => p.id as string,
      AT,
    );
    expect((await get('focal', '/api/export/iati')).status).toBe(200);
  });

  it('publishes the IATI organisation file with the same rights, valid against its schema', async () => {
    expect((await get('agent', '/api/export/iati-organisations')).status).toBe(403);
    expect((await get('focal', '/api/export/iati-organisations')).status).toBe(403);
    const res = await get('supervisor', '/api/export/iati-organisations');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    expect(xml).toContain('<organisation-identifier>ML-NIF-0042</organisation-identifier>');
    expect(xml).toContain('<value currency="XOF" value-date="2026-01-01">1000</value></total-budget>');
    expect(await validateIatiOrganisations(xml)).toEqual({ valid: true, errors: [] });
  });

  it('keeps an IATI file to the projects one organisation reports, when asked', async () => {
    for (const format of ['iati', 'iati-organisations']) {
      const own = await get('supervisor', `/api/export/${format}?organisation=ML-NIF-0042`);
      expect(own.status).toBe(200);
      expect(await own.text()).toContain('ML-NIF-0042');
      expect((await get('supervisor', `/api/export/${format}?organisation=XM-DAC-41122`)).status).toBe(404);
      expect((await get('supervisor', `/api/export/${format}?organisation=not%20an%20id`)).status).toBe(400);
    }
    expect(
      (await get('supervisor', `/api/export/csv?form=${DEMO_FORM.id}&organisation=ML-NIF-0042`)).status,
    ).toBe(400);
  });

  it('exports project locations and submissions as GeoJSON', async () => {
    const projects = (await (await get('agent', '/api/export/geojson')).json()) as {
      features: { properties: { projectId: string } }[];
    };
    expect(projects.features.map((f) => f.properties.projectId)).toEqual([DEMO_PROJECT.id]);
    const path = `/api/export/geojson?form=${DEMO_FORM.id}`;
    type Points = { features: { geometry: { coordinates: number[] } }[] };
    // The household's position is personal: no feature unless a supervisor asks for it.
    expect(((await (await get('agent', path)).json()) as Points).features).toEqual([]);
    const subs = (await (await get('supervisor', `${path}&includePersonal=true`)).json()) as Points;
    expect(subs.features.map((f) => f.geometry.coordinates)).toEqual([
      [-0.0447, 16.2717],
      [-0.0447, 16.2717],
    ]);
  });

  it('sends a ZIP of the tables of a form with repeats, and the CLI writes them as files', async () => {
    await publishDefinition(server.storage, householdForm, AT);
    const client = newClientId();
    const pushed = await server.push('agent', client, [
      submission(client, 1, {
        fields: { formId: householdForm.id, formVersion: householdForm.version, data: sampleSubmission.data },
      }),
    ]);
    expect(pushed.body.results?.[0]?.status).toBe('applied');
    const zip = await get('supervisor', `/api/export/csv?form=${householdForm.id}`);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const bytes = Buffer.from(await zip.arrayBuffer());
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.toString('latin1')).toContain('menage-membre-vaccin.csv');

    const xlsx = await get('supervisor', `/api/export/xlsx?form=${householdForm.id}&lang=en`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(XLSX.read(new Uint8Array(await xlsx.arrayBuffer())).SheetNames).toHaveLength(3);

    const dir = await mkdtemp(join(tmpdir(), 'terrain-export-'));
    try {
      const io = {
        out: () => {},
        err: (l: string) => console.error(l),
        env: {},
        storage: server.storage,
        now: () => AT,
      };
      expect(
        await runExportCli(['hxl', '--form', householdForm.id, '--codes', '--out', join(dir, 'tables')], io),
      ).toBe(0);
      expect((await readdir(join(dir, 'tables'))).sort()).toEqual([
        'menage-membre-vaccin.csv',
        'menage-membre.csv',
        'menage.csv',
      ]);
      const vaccins = (await readFile(join(dir, 'tables', 'menage-membre-vaccin.csv'), 'utf8')).split('\r\n');
      expect(vaccins[0]).toBe('nom_vaccin,PARENT_KEY,KEY');
      expect(vaccins[2]).toMatch(/^VAR,.+\/membre\[1\],.+\/membre\[1\]\/vaccin\[1\]$/);
      expect(await runExportCli(['iati', '--out', join(dir, 'iati.xml')], io)).toBe(0);
      expect((await validateIati(await readFile(join(dir, 'iati.xml'), 'utf8'))).valid).toBe(true);
      expect(
        await runExportCli(
          ['iati-organisations', '--organisation', 'ML-NIF-0042', '--out', join(dir, 'org.xml')],
          io,
        ),
      ).toBe(0);
      const org = await readFile(join(dir, 'org.xml'), 'utf8');
      expect((await validateIatiOrganisations(org)).errors).toEqual([]);
      expect(await runExportCli(['csv', '--form', householdForm.id, '--out', join(dir, 'm.zip')], io)).toBe(
        0,
      );
      expect((await readFile(join(dir, 'm.zip'))).readUInt32LE(0)).toBe(0x04034b50);
      expect(await runExportCli(['xlsx', '--form', householdForm.id, '--out', join(dir, 'm.xlsx')], io)).toBe(
        0,
      );
      const book = XLSX.read(await readFile(join(dir, 'm.xlsx')));
      expect(book.SheetNames).toEqual(['menage', 'menage-membre', 'menage-membre-vaccin']);
      const vaccinSheet = XLSX.utils.sheet_to_json<string[]>(book.Sheets['menage-membre-vaccin']!, {
        header: 1,
      });
      expect(vaccinSheet[0]).toEqual(['nom_vaccin', 'PARENT_KEY', 'KEY']);
      expect(vaccinSheet[1]?.[2]).toBe('#meta+id');
      const quiet = { ...io, err: () => {} };
      expect(await runExportCli(['pdf', '--out', join(dir, 'x')], quiet)).toBe(2);
      expect(await runExportCli(['csv', '--out', join(dir, 'x')], quiet)).toBe(2);
      expect(await runExportCli(['csv', '--form', 'nope', '--out', join(dir, 'x')], quiet)).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
