import { describe, expect, it } from 'vitest';
import { atomFeed } from '../../../src/core/public/atomFeed';
import { budgetTotals, publicProjects } from '../../../src/core/public/publicProject';
import { Indicator } from '../../../src/core/records/indicator';
import { IndicatorValue } from '../../../src/core/records/indicatorValue';
import { Organisation } from '../../../src/core/records/organisation';
import { Project } from '../../../src/core/records/project';

const project = (id: string, fields: Record<string, unknown> = {}) =>
  Project.parse({ id, code: id.toUpperCase(), title: { fr: id }, organisationId: null, ...fields });

const indicator = Indicator.parse({
  id: 'i1',
  projectId: 'p1',
  code: 'R1',
  title: { fr: 'Ménages servis' },
  unit: 'ménages',
  measure: 'unit',
  direction: 'increase',
  disaggregations: [],
  baseline: null,
  targets: [{ period: { start: '2026-01-01', end: '2026-06-30' }, value: 500 }],
  computation: null,
  deleted: false,
});

const value = (id: string, fields: Record<string, unknown>) =>
  IndicatorValue.parse({
    id,
    indicatorId: 'i1',
    projectId: 'p1',
    periodStart: '2026-01-01',
    periodEnd: '2026-02-28',
    categories: {},
    value: 10,
    comment: '',
    enteredBy: null,
    reviewStatus: null,
    reviewComment: '',
    reviewedBy: null,
    deleted: false,
    ...fields,
  });

describe('what the public site shows of projects', () => {
  it('leaves out private and deleted projects, and reports only verified totals', () => {
    const shown = publicProjects({
      projects: [
        project('p1', { public: true, focalPointId: 'u-secret' }),
        project('p2'),
        project('p3', { public: true, deleted: true }),
      ],
      organisations: [],
      indicators: [indicator],
      indicatorValues: [
        value('v1', { value: 120, reviewStatus: 'verified' }),
        value('v2', {
          periodStart: '2026-03-01',
          periodEnd: '2026-04-30',
          value: 999,
          reviewStatus: 'has_issues',
        }),
        value('v3', {
          periodStart: '2026-03-01',
          periodEnd: '2026-04-30',
          value: 80,
          categories: { sex: 'f' },
          reviewStatus: 'verified',
        }),
      ],
      transactions: [],
      exchangeRates: [],
    });
    expect(shown.map((p) => p.id)).toEqual(['p1']);
    expect(JSON.stringify(shown)).not.toContain('u-secret');
    expect(shown[0]?.indicators).toEqual([
      expect.objectContaining({
        code: 'R1',
        target: 500,
        latest: { periodStart: '2026-01-01', periodEnd: '2026-02-28', value: 120 },
      }),
    ]);
  });

  it('shows the reporting organisation’s email and website, never its person, telephone or address', () => {
    const org = (id: string, fields: Record<string, unknown>) =>
      Organisation.parse({ id, name: id, acronym: '', iatiId: null, type: '22', deleted: false, ...fields });
    const shown = publicProjects({
      projects: [
        project('p1', {
          public: true,
          organisationId: 'o1',
          participatingOrgs: [{ organisationId: 'o2', role: '1' }],
        }),
        project('p2', { public: true, organisationId: 'o2' }),
      ],
      organisations: [
        org('o1', {
          contactPerson: 'Awa Diallo',
          contactTelephone: '+223 20 00 00 00',
          contactAddress: 'BP 1, Gao',
          contactEmail: 'suivi@o1.org',
          contactWebsite: 'https://o1.org',
        }),
        org('o2', { contactPerson: 'Moussa Keïta', contactTelephone: '+223 1' }),
      ],
      indicators: [],
      indicatorValues: [],
      transactions: [],
      exchangeRates: [],
    });
    expect(shown.map((p) => p.contact)).toEqual([{ email: 'suivi@o1.org', website: 'https://o1.org' }, null]);
    for (const secret of ['Awa', 'Moussa', '+223', 'BP 1'])
      expect(JSON.stringify(shown)).not.toContain(secret);
  });

  it('shows the committed and disbursed totals of a public project, never a private one’s transactions', () => {
    const tx = (id: string, projectId: string, type: string, value: number, currency = 'XOF') => ({
      id,
      projectId,
      type: type as '2',
      date: '2026-03-02',
      value,
      currency,
      valueDate: '2026-03-02',
      providerOrgId: null,
      receiverOrgId: null,
      sector: null,
      region: '',
      description: 'secret',
      deleted: false,
    });
    const shown = publicProjects({
      projects: [project('p1', { public: true }), project('p2')],
      organisations: [],
      indicators: [],
      indicatorValues: [],
      transactions: [
        tx('t1', 'p1', '2', 1_200_000),
        tx('t2', 'p1', '3', 1_000, 'EUR'),
        tx('t3', 'p1', '4', 999),
        { ...tx('t4', 'p1', '3', 77), deleted: true },
        tx('t5', 'p2', '2', 123_456_789),
      ],
      exchangeRates: [
        {
          id: 'EUR:2026-03',
          currency: 'EUR',
          month: '2026-03',
          xofPerUnit: 655.957,
          source: '',
          deleted: false,
        },
        { id: 'USD:2026-03', currency: 'USD', month: '2026-03', xofPerUnit: 600, source: '', deleted: false },
      ],
    });
    expect(shown.map((p) => p.id)).toEqual(['p1']);
    expect(shown[0]?.flows).toEqual({
      committed: { xof: 1_200_000, usd: 2_000 },
      disbursed: { xof: 655_957, usd: 655_957 / 600 },
    });
    expect(JSON.stringify(shown)).not.toContain('123456789');
    expect(JSON.stringify(shown)).not.toContain('secret');
  });

  it('totals budgets per currency, a revised line replacing the original of its period', () => {
    const line = (value: number, type: string, currency = 'XOF', periodStart = '2026-01-01') => ({
      periodStart,
      periodEnd: '2026-12-31',
      value,
      currency,
      type,
    });
    expect(
      budgetTotals(
        Project.parse({
          id: 'p',
          code: 'P',
          title: { fr: 'p' },
          organisationId: null,
          budgets: [
            line(100, 'original'),
            line(150, 'revised'),
            line(20, 'original', 'USD'),
            line(5, 'original', 'XOF', '2027-01-01'),
          ],
        }).budgets,
      ),
    ).toEqual({ XOF: 155, USD: 20 });
  });
});

describe('the Atom feed', () => {
  it('lists entries newest first, escaped, and is dated by its newest entry', () => {
    const xml = atomFeed({
      id: 'https://x/public/feed',
      title: 'Terrain',
      self: 'https://x/public/feed.xml',
      site: 'https://x/public/',
      entries: [
        {
          id: 'tag:a',
          title: 'Old <one>',
          summary: 'a & b',
          updated: '2026-01-01T00:00:00.000Z',
          link: 'https://x/1',
        },
        { id: 'tag:b', title: 'New', summary: '', updated: '2026-05-01T00:00:00.000Z', link: 'https://x/2' },
      ],
    });
    expect(xml.indexOf('tag:b')).toBeLessThan(xml.indexOf('tag:a'));
    expect(xml).toContain('<title>Old &lt;one&gt;</title>');
    expect(xml).toContain('<summary>a &amp; b</summary>');
    expect(xml).toMatch(
      /<feed[^>]*>\s*<id>https:\/\/x\/public\/feed<\/id>\s*<title>Terrain<\/title>\s*<updated>2026-05-01T00:00:00.000Z<\/updated>/,
    );
  });
});
