import { describe, expect, it } from 'vitest';
import { atomFeed } from '../../../src/core/public/atomFeed';
import { budgetTotals, publicProjects } from '../../../src/core/public/publicProject';
import { Indicator } from '../../../src/core/records/indicator';
import { IndicatorValue } from '../../../src/core/records/indicatorValue';
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
