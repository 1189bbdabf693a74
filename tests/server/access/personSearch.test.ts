import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { personCommand } from '../../../src/server/access/commands';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { householdForm, sampleSubmission } from '../../core/export/householdForm';
import { backends } from '../backends';
import {
  newClientId,
  OTHER_PROJECT,
  publishDefinition,
  setupServer,
  submission,
  type TestServer,
} from '../harness';

const AT = new Date('2026-11-24T08:00:00.000Z');
const SEARCH = `/api/projects/${DEMO_PROJECT.id}/person-search`;

interface Found {
  scanned: number;
  truncated: boolean;
  matches: {
    id: string;
    rootId: string;
    status: string;
    formId: string;
    hits: { path: string; value: string }[];
  }[];
}

describe.each(backends)('the right of access on $name', (backend) => {
  let server: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await setupServer(backend);
    await publishDefinition(server.storage, householdForm, AT);
    const agent = newClientId();
    const named = (seq: number, name: string) =>
      submission(agent, seq, { answers: { respondent_name: name } });
    const first = named(1, 'Kadiatou Cissé');
    const others = [named(2, 'Aminata Maïga'), named(3, 'Moussa Traoré')];
    const menage = submission(agent, 4, {
      fields: { formId: householdForm.id, formVersion: householdForm.version, data: sampleSubmission.data },
    });
    const pushed = await server.push('agent', agent, [first, ...others, menage]);
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    // The supervisor corrects the first: the name was misheard.
    const sup = newClientId();
    const fix = submission(sup, 1, {
      fields: { replaces: first.id },
      answers: { respondent_name: 'Kadiatou Sangaré' },
    });
    const fixed = await server.push('supervisor', sup, [
      { ...fix, hlc: encodeHlc({ wall: AT.getTime() + 60_000, counter: 0, node: sup }) },
    ]);
    expect(fixed.body.results[0]?.status).toBe('applied');
    // The same name in another project is none of this project's business.
    const outsider = newClientId();
    const theirs = submission(outsider, 1, {
      fields: { projectId: OTHER_PROJECT },
      answers: { respondent_name: 'Kadiatou Cissé' },
    });
    await server.push('outsider', outsider, [theirs]);
    Object.assign(ids, { first: first.id, fix: fix.id, aminata: others[0]?.id, menage: menage.id });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function post(username: string, path: string, json: unknown) {
    return server.request(path, { token: await server.login(username), json });
  }
  const latest = async (action: string) => (await server.storage.listAudit(1, { action }))[0];

  it('finds a value in any answer of any form, accents, case and spacing aside, saying where', async () => {
    const res = await post('supervisor', SEARCH, { q: 'MAIGA' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const found = (await res.json()) as Found;
    expect(found.truncated).toBe(false);
    expect(found.scanned).toBe(5);
    expect(found.matches.map((m) => [m.id, m.formId, m.status, m.hits])).toEqual([
      [ids.aminata, 'household_survey', 'current', [{ path: 'respondent_name', value: 'Aminata Maïga' }]],
    ]);
    const members = (await (await post('admin', SEARCH, { q: 'aissata' })).json()) as Found;
    expect(members.matches.map((m) => [m.id, m.hits])).toEqual([
      [ids.menage, [{ path: 'membre[1]/nom', value: 'Aïssata' }]],
    ]);
  });

  it('searches earlier versions too, and tells them from the current one', async () => {
    const found = (await (await post('supervisor', SEARCH, { q: 'kadiatou cisse' })).json()) as Found;
    expect(found.matches.map((m) => [m.id, m.rootId, m.status])).toEqual([[ids.first, ids.first, 'earlier']]);
    const both = (await (await post('supervisor', SEARCH, { q: 'Kadiatou' })).json()) as Found;
    expect(both.matches.map((m) => [m.id, m.rootId, m.status])).toEqual([
      [ids.first, ids.first, 'earlier'],
      [ids.fix, ids.first, 'current'],
    ]);
  });

  it('audits a search with a digest of the value, never the value itself', async () => {
    await post('supervisor', SEARCH, { q: 'Kadiatou Cissé' });
    const entry = await latest('person.search');
    expect(entry?.recordId).toBe(DEMO_PROJECT.id);
    expect(entry?.details).toMatchObject({ scanned: 5, truncated: false, submissions: [ids.first] });
    expect(entry?.detailsJson).toMatch(/"queryDigest":"[0-9a-f]{64}"/);
    expect(entry?.detailsJson).not.toMatch(/kadiatou|cisse|Cissé/i);
  });

  it('is for the project’s supervisors and admins: others get 403, audited; bad queries 400', async () => {
    for (const who of ['agent', 'focal', 'outsider']) {
      const res = await post(who, SEARCH, { q: 'Kadiatou' });
      expect(res.status, who).toBe(403);
      expect((await latest('person.refused'))?.userId).toBe((await server.storage.userByUsername(who))?.id);
    }
    expect((await server.request(SEARCH, { json: { q: 'Kadiatou' } })).status).toBe(401);
    for (const body of [{ q: 'ab' }, { q: ' -- ' }, {}, { q: 'Kadiatou', extra: 1 }, { q: 'x'.repeat(201) }])
      expect((await post('supervisor', SEARCH, body)).status, JSON.stringify(body)).toBe(400);
    expect((await post('admin', '/api/projects/nowhere/person-search', { q: 'Kadiatou' })).status).toBe(404);
  });

  it('exports every version of the person’s records, personal data included, audited', async () => {
    const res = await post('supervisor', `${SEARCH}/export`, { q: 'cissé', format: 'json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.json');
    const file = (await res.json()) as { submissions: { id: string; versionStatus: string; data: object }[] };
    expect(file.submissions.map((s) => [s.id, s.versionStatus])).toEqual([
      [ids.first, 'earlier'],
      [ids.fix, 'current'],
    ]);
    expect(file.submissions[1]?.data).toMatchObject({ respondent_name: 'Kadiatou Sangaré', location: {} });
    const entry = await latest('person.export');
    expect(entry?.details).toMatchObject({
      format: 'json',
      includePersonal: true,
      matched: [ids.first],
      records: 2,
    });

    const csv = await (
      await post('admin', `${SEARCH}/export`, { q: 'Kadiatou Cisse', format: 'csv' })
    ).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toMatch(/^SubmissionDate,respondent_name,.*location-Latitude.*,VersionStatus,Replaces$/);
    expect(rows.map((r) => r.split(',').slice(-2))).toEqual([
      ['earlier', ''],
      ['current', ids.first],
    ]);
  });

  it('exports GeoJSON with coarsened points, and refuses the export to others and for nothing found', async () => {
    const res = await post('supervisor', `${SEARCH}/export`, {
      q: 'Aminata',
      format: 'geojson',
      geoPrecision: 1,
    });
    const geo = (await res.json()) as {
      features: { geometry: { coordinates: number[] }; properties: object }[];
    };
    expect(geo.features.map((f) => f.geometry.coordinates)).toEqual([[0, 16.3]]);
    expect(geo.features[0]?.properties).toMatchObject({
      respondent_name: 'Aminata Maïga',
      VersionStatus: 'current',
    });
    expect((await post('focal', `${SEARCH}/export`, { q: 'Aminata', format: 'json' })).status).toBe(403);
    expect((await post('supervisor', `${SEARCH}/export`, { q: 'Fatoumata', format: 'json' })).status).toBe(
      404,
    );
    expect((await post('supervisor', `${SEARCH}/export`, { q: 'Aminata', format: 'iati' })).status).toBe(400);
  });

  it('does both at the command line, the value from the standard input if asked, audited as the operator', async () => {
    const lines: string[] = [];
    const io = {
      out: (l: string) => lines.push(l),
      readValue: () => Promise.resolve('Kadiatou\n'),
      now: () => AT,
    };
    await personCommand(server.storage, ['find', DEMO_PROJECT.id, '-'], io);
    expect(lines.at(-1)).toBe('2 version(s) found among 5.');
    expect(lines[0]).toContain(`${ids.first}  household_survey@`);
    expect(lines[0]).toContain('respondent_name = Kadiatou Cissé');
    expect((await latest('person.search'))?.userId).toBeNull();
    const dir = await mkdtemp(join(tmpdir(), 'terrain-person-'));
    try {
      const out = join(dir, 'kadiatou.json');
      await personCommand(
        server.storage,
        ['export', DEMO_PROJECT.id, 'Sangaré', '--format', 'json', '--out', out],
        io,
      );
      const file = JSON.parse(await readFile(out, 'utf8')) as { submissions: unknown[] };
      expect(file.submissions).toHaveLength(2);
      await personCommand(
        server.storage,
        ['export', DEMO_PROJECT.id, 'Kadiatou', '--format', 'csv', '--out', join(dir, 'k')],
        io,
      );
      expect(await readFile(join(dir, 'k', 'household_survey.csv'), 'utf8')).toContain('Kadiatou Sangaré');
      await expect(
        personCommand(server.storage, ['export', DEMO_PROJECT.id, 'Kadiatou', '--out', out], io),
      ).rejects.toThrow(/--format/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
