import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchPublicProjects } from '../../../src/app/public/publicApi';
import { PublicProjects, type PublicProject } from '../../../src/core/public/publicProject';

const project: PublicProject = {
  id: 'eau-gao',
  code: 'EAU-GAO',
  title: { fr: 'Eau à Gao' },
  description: {},
  status: 'active',
  plannedStart: '2026-01-01',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  organisations: [{ name: 'ONG du Sahel', acronym: 'OS', iatiId: null, role: 'reporting' }],
  contact: { email: 'info@ong-sahel.org', website: '' },
  sectors: [{ code: '14030', percentage: 100 }],
  locations: [{ name: 'Gao', adm1: 'ML07', adm2: null, adm3: null, point: null }],
  budgets: [],
  budgetTotals: { XOF: 1_000_000 },
  flows: { committed: { xof: 5_000_000, usd: null }, disbursed: { xof: 0, usd: 0 } },
  indicators: [
    {
      code: 'I1',
      title: { fr: 'Forages' },
      unit: 'forages',
      measure: 'unit',
      baseline: null,
      target: 10,
      latest: null,
    },
  ],
  documents: [],
};

function answer(body: unknown, status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status }))),
  );
}

/** The public site checks the server's answer by hand (no zod in its chunk): as strict as the pages need. */
describe('the public site’s projects answer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes what the server’s schema writes', async () => {
    const body = PublicProjects.parse({ projects: [project] });
    answer(body);
    expect(await fetchPublicProjects()).toEqual([project]);
  });

  it('refuses an answer of another shape, and a failed request', async () => {
    for (const wrong of [
      {},
      { projects: [{ ...project, title: 'Eau' }] },
      { projects: [{ ...project, budgetTotals: { XOF: '1000' } }] },
      { projects: [{ ...project, locations: [{ adm1: 'ML07' }] }] },
      { projects: [{ ...project, indicators: [{ code: 'I1' }] }] },
    ]) {
      answer(wrong);
      await expect(fetchPublicProjects()).rejects.toThrow('unexpected answer');
    }
    answer({}, 503);
    await expect(fetchPublicProjects()).rejects.toThrow('503');
  });
});
