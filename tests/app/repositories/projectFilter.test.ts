import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { listProjectsMatching } from '../../../src/app/repositories/coordination';
import { projectFacets, projectMatches } from '../../../src/app/repositories/projectFilter';
import { PROJECT_STATUSES } from '../../../src/core/records/iatiCodes';
import { openTestDb } from '../fixtures';
import { projectOf } from './coordinationFixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

const gao = projectOf({
  id: 'p-gao',
  code: 'ML-NIF-1-WASH',
  title: { fr: 'Eau et hygiène à Gao', en: 'Water and hygiene in Gao' },
  organisationId: 'org-ngo',
  participatingOrgs: [{ organisationId: 'org-donor', role: '1' }],
  sectors: [{ code: '14030', percentage: 100 }],
  locations: [{ name: 'Gao', adm1: 'ML07', adm2: null, adm3: null, point: { lat: 16.27, lon: -0.04 } }],
});
const tombouctou = projectOf({
  id: 'p-tbk',
  code: 'ML-NIF-2-FOOD',
  title: { fr: 'Sécurité alimentaire', en: 'Food security' },
  organisationId: 'org-other',
  status: 'closed',
  sectors: [
    { code: '31120', percentage: 60 },
    { code: '14030', percentage: 40 },
  ],
  locations: [{ name: 'Tombouctou', adm1: 'ML06', adm2: null, adm3: null, point: null }],
});

describe('project list filters', () => {
  it('filters by sector, region, organisation (reporting or participating), status and text', async () => {
    await db.projects.bulkPut([gao, tombouctou, projectOf({ id: 'p-gone', deleted: true })]);
    const ids = async (filter: Parameters<typeof listProjectsMatching>[1]) =>
      (await listProjectsMatching(db, filter)).map((p) => p.id);
    expect(await ids({})).toEqual(['p-gao', 'p-tbk']);
    expect(await ids({ sector: '14030' })).toEqual(['p-gao', 'p-tbk']);
    expect(await ids({ sector: '31120' })).toEqual(['p-tbk']);
    expect(await ids({ region: 'ML07' })).toEqual(['p-gao']);
    expect(await ids({ organisationId: 'org-donor' })).toEqual(['p-gao']);
    expect(await ids({ organisationId: 'org-other' })).toEqual(['p-tbk']);
    expect(await ids({ status: 'closed' })).toEqual(['p-tbk']);
    // Text: code, French and English titles, without case or accents.
    expect(await ids({ text: 'securite' })).toEqual(['p-tbk']);
    expect(await ids({ text: 'HYGIENE' })).toEqual(['p-gao']);
    expect(await ids({ text: 'water' })).toEqual(['p-gao']);
    expect(await ids({ text: 'nif-2' })).toEqual(['p-tbk']);
    expect(await ids({ text: 'eau', region: 'ML06' })).toEqual([]);
  });

  it('offers as facets the values the projects have', () => {
    expect(projectFacets([gao, tombouctou])).toEqual({
      sectors: ['14030', '31120'],
      regions: ['ML06', 'ML07'],
      organisationIds: ['org-donor', 'org-ngo', 'org-other'],
      statuses: ['active', 'closed'],
    });
  });

  it('property: criteria combine as AND, and an empty filter keeps everything', () => {
    const arbProject = fc.record({
      sector: fc.constantFrom('14030', '31120', '12220'),
      region: fc.constantFrom('ML06', 'ML07', 'ML08'),
      org: fc.constantFrom('a', 'b', 'c'),
      status: fc.constantFrom(...PROJECT_STATUSES),
      word: fc.constantFrom('eau', 'santé', 'école'),
    });
    const arbFilter = fc.record(
      {
        sector: fc.constantFrom('14030', '31120', ''),
        region: fc.constantFrom('ML06', 'ML07', ''),
        organisationId: fc.constantFrom('a', 'b', ''),
        status: fc.constantFrom('active', 'closed', '' as const),
        text: fc.constantFrom('EAU', 'sante', 'ecole', ''),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arbProject, arbFilter, (a, filter) => {
        const p = projectOf({
          id: 'p',
          title: { fr: `Projet ${a.word}` },
          organisationId: a.org,
          status: a.status,
          sectors: [{ code: a.sector, percentage: 100 }],
          locations: [{ name: 'x', adm1: a.region, adm2: null, adm3: null, point: null }],
        });
        expect(projectMatches(p, {})).toBe(true);
        const each = Object.entries(filter).every(([k, v]) => projectMatches(p, { [k]: v }));
        expect(projectMatches(p, filter)).toBe(each);
      }),
    );
  });
});
