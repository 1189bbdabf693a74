import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { PublicProject, PublicProjects } from '../../../src/core/public/publicProject';
import type { Mutation } from '../../../src/core/sync/protocol';
import { createApp } from '../../../src/server/app';
import { putServerRecord } from '../../../src/server/catalog';
import { ExportReads } from '../../../src/server/export/ExportReads';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEFAULT_LIMITS } from '../../../src/server/limits/config';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import { validateIati, validateIatiOrganisations } from '../../core/export/iatiFixtures';
import { backends, type TestDatabase } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from '../harness';

/**
 * The public site's data (issue 15, "The public map of aid"): only what admins marked public, only the
 * fields src/core/public/publicProject.ts names, cached with ETags, counted per address.
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

describe.each(backends)('the public site on $name', (backend) => {
  let server: TestServer | undefined;
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await server?.close();
    await db?.cleanup();
    server = undefined;
    db = undefined;
  });

  async function publicProjectIds(s: TestServer): Promise<string[]> {
    const res = await s.request('/public/api/projects');
    expect(res.status).toBe(200);
    return PublicProjects.parse(await res.json()).projects.map((p) => p.id);
  }

  it('shows only what an admin made public; a supervisor cannot publish, nor a private project be read', async () => {
    server = await setupServer(backend);
    expect(await publicProjectIds(server)).toEqual([]);
    const supervisorDevice = newClientId();
    const refused = await server.push('supervisor', supervisorDevice, [
      projectEdit(supervisorDevice, 1, DEMO_PROJECT.id, { public: true }),
    ]);
    expect(refused.body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      message: 'Only admins make a project public or private',
    });
    // A supervisor's write that carries the flag unchanged goes through.
    const unchanged = await server.push('supervisor', supervisorDevice, [
      projectEdit(supervisorDevice, 2, DEMO_PROJECT.id, { public: false, location: 'Gao' }),
    ]);
    expect(unchanged.body.results[0]?.status).toBe('applied');

    const adminDevice = newClientId();
    const published = await server.push('admin', adminDevice, [
      projectEdit(adminDevice, 1, DEMO_PROJECT.id, { public: true, description: { fr: 'Des vivres à Gao' } }),
    ]);
    expect(published.body.results[0]?.status).toBe('applied');
    expect(await publicProjectIds(server)).toEqual([DEMO_PROJECT.id]);

    const one = await server.request(`/public/api/projects/${DEMO_PROJECT.id}`);
    const shown = PublicProject.parse(await one.json());
    expect(shown).toMatchObject({ code: DEMO_PROJECT.code, description: { fr: 'Des vivres à Gao' } });
    // Only the public fields: never the focal point or who is a member.
    expect(JSON.stringify(shown)).not.toMatch(/focalPointId|members|createdBy/);
    // Documents: only those made public and sent (tests/server/media/projectDocuments.test.ts); none here.
    expect(shown.documents).toEqual([]);
    // A private project answers as a missing one.
    const hidden = await server.request(`/public/api/projects/${OTHER_PROJECT}`);
    expect(hidden.status).toBe(404);
    expect(await server.request('/public/api/nothing-here').then((r) => r.status)).toBe(404);

    // Made private again, it leaves the site.
    const unpublished = await server.push('admin', adminDevice, [
      projectEdit(adminDevice, 2, DEMO_PROJECT.id, { public: false }),
    ]);
    expect(unpublished.body.results[0]?.status).toBe('applied');
    expect(await publicProjectIds(server)).toEqual([]);
  });

  it('no public response carries a submission, a person or a private project', async () => {
    server = await setupServer(backend);
    const agentDevice = newClientId();
    const secret = 'Hawa Secrète-Personne';
    const sent = await server.push('agent', agentDevice, [
      submission(agentDevice, 1, { answers: { respondent_name: secret } }),
    ]);
    expect(sent.body.results[0]?.status).toBe('applied');
    const adminDevice = newClientId();
    await server.push('admin', adminDevice, [projectEdit(adminDevice, 1, DEMO_PROJECT.id, { public: true })]);
    const agent = await server.storage.userByUsername('agent');
    const bodies: string[] = [];
    for (const path of [
      '/public/api/projects',
      `/public/api/projects/${DEMO_PROJECT.id}`,
      '/public/iati/activities.xml',
      '/public/iati/organisations.xml',
      '/public/feed.xml',
      '/public/feed.xml?lang=en',
    ]) {
      const res = await server.request(path);
      bodies.push(`${res.status} ${await res.text()}`);
    }
    const all = bodies.join('\n');
    expect(all).toContain(DEMO_PROJECT.code);
    for (const absent of [
      secret,
      'AP-TBT',
      OTHER_PROJECT,
      agent!.id,
      'agent',
      'Moussa Maïga',
      'household_survey',
    ])
      expect(all, absent).not.toContain(absent);
  });

  it('answers with an ETag, and 304 to a browser that has this version', async () => {
    server = await setupServer(backend);
    const adminDevice = newClientId();
    await server.push('admin', adminDevice, [projectEdit(adminDevice, 1, DEMO_PROJECT.id, { public: true })]);
    for (const path of ['/public/api/projects', '/public/feed.xml']) {
      const first = await server.request(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('public, no-cache');
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await server.request(path, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      const other = await server.request(path, { headers: { 'if-none-match': '"something-else"' } });
      expect(other.status).toBe(200);
    }
  });

  it('answers 304 from the records’ stamp without reading them, and a full answer once one changes', async () => {
    server = await setupServer(backend);
    const adminDevice = newClientId();
    await server.push('admin', adminDevice, [projectEdit(adminDevice, 1, DEMO_PROJECT.id, { public: true })]);
    const paths = ['/public/api/projects', `/public/api/projects/${DEMO_PROJECT.id}`, '/public/feed.xml'];
    const etags = new Map<string, string>();
    for (const path of paths) etags.set(path, (await server.request(path)).headers.get('etag')!);
    const reads = vi.spyOn(ExportReads.prototype, 'rows');
    try {
      for (const path of paths) {
        const again = await server.request(path, { headers: { 'if-none-match': etags.get(path)! } });
        expect(again.status, path).toBe(304);
        expect(again.headers.get('etag')).toBe(etags.get(path));
      }
      expect(reads).not.toHaveBeenCalled();
      // Another language of the feed is another answer.
      const french = (await server.request('/public/feed.xml?lang=fr')).headers.get('etag')!;
      const english = await server.request('/public/feed.xml?lang=en', {
        headers: { 'if-none-match': french },
      });
      expect(english.status).toBe(200);
      expect(reads).toHaveBeenCalled();
      // Without `?lang` the browser's language chooses: caches are told.
      expect(english.headers.get('vary')).toBe('Accept-Encoding');
      const chosen = await server.request('/public/feed.xml', { headers: { 'accept-language': 'en' } });
      expect(chosen.headers.get('vary')).toBe('Accept-Encoding, Accept-Language');

      // Any change of a public table (here an organisation, not even shown) is a new stamp: read again.
      reads.mockClear();
      const at = new Date();
      await server.storage.transaction((tx) =>
        putServerRecord(
          tx,
          'organisations',
          { id: randomUUID(), name: 'ONG du Sahel', acronym: 'OS', iatiId: null, type: '22', deleted: false },
          null,
          at,
        ),
      );
      const same = await server.request(paths[0]!, { headers: { 'if-none-match': etags.get(paths[0]!)! } });
      expect(same.status).toBe(304);
      expect(reads).toHaveBeenCalled();
      // A change the public sees: a new ETag.
      await server.push('admin', adminDevice, [
        projectEdit(adminDevice, 2, DEMO_PROJECT.id, { description: { fr: 'Des vivres à Gao' } }),
      ]);
      for (const path of paths) {
        const changed = await server.request(path, { headers: { 'if-none-match': etags.get(path)! } });
        expect(changed.status, path).toBe(200);
        expect(changed.headers.get('etag')).not.toBe(etags.get(path));
      }
    } finally {
      reads.mockRestore();
    }
  });

  it('counts requests per address and refuses past the limit', async () => {
    const limits = { ...DEFAULT_LIMITS, rate: { windowMs: 60_000, push: 0, media: 0, export: 0, public: 2 } };
    server = await setupServer(backend, { limits });
    expect((await server.request('/public/api/projects')).status).toBe(200);
    expect((await server.request('/public/feed.xml')).status).toBe(200);
    const refused = await server.request('/public/api/projects');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });

  it('the demo seed publishes two projects: their IATI file is valid, the feed names them and their results', async () => {
    db = await backend.create();
    const now = new Date('2026-11-24T08:00:00.000Z');
    await seedDemo(db.storage, {
      password: 'public-site-pass-1',
      now,
      passwordCost: TEST_PASSWORD_COST,
      sampleData: true,
    });
    const app = createApp({ storage: db.storage, now: () => now, limits: { ...DEFAULT_LIMITS, rate: null } });

    const list = PublicProjects.parse(await (await app.request('/public/api/projects')).json()).projects;
    expect(list.map((p) => p.id).sort()).toEqual(['abris-menaka', 'eau-tombouctou']);
    const water = list.find((p) => p.id === 'eau-tombouctou')!;
    expect(water.organisations.map((o) => o.role)).toContain('reporting');
    expect(Object.keys(water.budgetTotals).length).toBeGreaterThan(0);
    expect(water.locations.some((l) => l.point !== null)).toBe(true);
    expect(water.indicators.some((i) => i.latest !== null)).toBe(true);

    const iati = await app.request('/public/iati/activities.xml');
    expect(iati.status).toBe(200);
    expect(iati.headers.get('content-type')).toContain('application/xml');
    const xml = await iati.text();
    const validity = await validateIati(xml);
    expect(validity.errors).toEqual([]);
    expect(xml).toContain('XM-DAC-41122-ML-TBT-WASH-2026');
    expect(xml).toContain('NO-BRC-977538319-ML-MNK-2026');
    // No private project: the demo's own, nor the other sample ones.
    expect(xml).not.toContain(DEMO_PROJECT.code);
    expect(xml).not.toContain('FR-RCS-326491558-ML-KDL-NUT-2026');
    // The public projects' money is published with them (eight transactions and four plans each), no other.
    expect(xml.match(/<transaction>/g)).toHaveLength(16);
    expect(xml.match(/<planned-disbursement /g)).toHaveLength(8);
    // The public document of the water project, linked (no IATI_PUBLIC_URL) under the address asked at.
    expect(xml.match(/<document-link url="[^"]+"/g)).toEqual([
      expect.stringMatching(
        /^<document-link url="http:\/\/localhost\/public\/projects\/eau-tombouctou\/documents\/[0-9a-f]{64}"$/,
      ),
    ]);

    // The organisation file: the two public projects' reporting organisations, their budgets only.
    const orgs = await app.request('/public/iati/organisations.xml');
    expect(orgs.status).toBe(200);
    const orgXml = await orgs.text();
    expect((await validateIatiOrganisations(orgXml)).errors).toEqual([]);
    expect(orgXml.match(/<organisation-identifier>[^<]*/g)).toEqual([
      '<organisation-identifier>NO-BRC-977538319',
      '<organisation-identifier>XM-DAC-41122',
    ]);
    expect(orgXml).toContain('>320000000</value></total-budget>');
    expect(orgXml).not.toContain('450000000');
    // Their expenditures (59 % of each budget), not the private projects' (ADN's 265 500 000, ACF's 106 200 000).
    expect(orgXml).toContain('>188800000</value></total-expenditure>');
    expect(orgXml).toContain('>162250000</value></total-expenditure>');
    expect(orgXml).not.toMatch(/265500000|106200000/);
    // One organisation's own publication: its projects only.
    const unicef = await (
      await app.request('/public/iati/organisations.xml?organisation=XM-DAC-41122')
    ).text();
    expect(unicef.match(/<iati-organisation /g)).toHaveLength(1);
    const activities = await (
      await app.request('/public/iati/activities.xml?organisation=XM-DAC-41122')
    ).text();
    expect(activities.match(/<iati-activity /g)).toHaveLength(1);
    expect((await app.request('/public/iati/activities.xml?organisation=XM-DAC-1')).status).toBe(404);

    const feed = await app.request('http://base.local/public/feed.xml?lang=en');
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const atom = await feed.text();
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom).toContain('Project published: Water and sanitation in Timbuktu');
    expect(atom).toMatch(/<title>Result: /);
    expect(atom).toContain(
      '<link rel="self" type="application/atom+xml" href="http://base.local/public/feed.xml?lang=en"/>',
    );
    expect(atom).not.toContain(DEMO_PROJECT.code);
    const french = await (
      await app.request('/public/feed.xml', { headers: { 'accept-language': 'fr-FR' } })
    ).text();
    expect(french).toContain('Projet publié : Eau et assainissement à Tombouctou');
  });
});
