import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, progressStatus, progressTowards, targetFor } from '../../../src/core/indicators/report';
import { sideBySide, valuesDiffer } from '../../../src/core/indicators/sideBySide';
import { annualPeriod } from '../../../src/core/indicators/periods';
import type { IndicatorValue } from '../../../src/core/records/indicatorValue';
import { Project } from '../../../src/core/records/project';
import { indicator, submission } from './fixtures';

const MARCH_APRIL = { start: '2026-03-01', end: '2026-04-30' };
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

function value(extra: Partial<IndicatorValue>): IndicatorValue {
  return {
    id: 'v1',
    indicatorId: 'i1',
    projectId: 'p1',
    periodStart: MARCH_APRIL.start,
    periodEnd: MARCH_APRIL.end,
    categories: {},
    value: 10,
    comment: '',
    enteredBy: 'u1',
    reviewStatus: null,
    reviewComment: '',
    reviewedBy: null,
    deleted: false,
    ...extra,
  };
}

const projects = [
  Project.parse({ id: 'p1', code: 'ML-1', title: { en: 'Water' }, organisationId: null }),
  Project.parse({ id: 'p2', code: 'ML-0', title: { en: 'Food' }, organisationId: null }),
  Project.parse({ id: 'p3', code: 'ML-2', title: { en: 'Gone' }, organisationId: null, deleted: true }),
];

describe('progress', () => {
  it('is 1 when the actual reaches the target, 0 at the baseline', () => {
    fc.assert(
      fc.property(finite, finite, fc.constantFrom('increase' as const, 'decrease' as const), (b, t, d) => {
        expect(progressTowards(d, b, t, t)).toBe(1);
        if (b !== t) expect(progressTowards(d, b, t, b)).toBe(0);
      }),
    );
  });

  it('treats a decrease as the mirror of an increase', () => {
    fc.assert(
      fc.property(finite, finite, finite, (b, t, a) => {
        expect(progressTowards('decrease', -b, -t, -a)).toBeCloseTo(progressTowards('increase', b, t, a), 9);
      }),
    );
  });

  it('grows as a decrease indicator goes down towards its target', () => {
    expect(progressTowards('decrease', 40, 20, 30)).toBe(0.5);
    expect(progressTowards('decrease', 40, 20, 50)).toBe(-0.5);
    expect(progressTowards('decrease', 20, 20, 19)).toBe(1);
    expect(progressTowards('increase', 20, 20, 19)).toBe(0);
    expect([0.5, 0.8, 1, 1.2, null].map(progressStatus)).toEqual([
      'off_track',
      'on_track',
      'met',
      'met',
      'unknown',
    ]);
  });
});

describe('sideBySide', () => {
  it('differs only beyond 1%, symmetrically, and never with a value missing', () => {
    expect(sideBySide(1230, { value: 1234, submissions: 12 })).toEqual({
      manual: 1230,
      computed: 1234,
      submissions: 12,
      differ: false,
    });
    expect(sideBySide(100, { value: 102, submissions: 3 }).differ).toBe(true);
    expect(sideBySide(null, { value: 5, submissions: 1 }).differ).toBe(false);
    expect(sideBySide(5, null).differ).toBe(false);
    expect(sideBySide(0, { value: 0, submissions: 0 }).differ).toBe(false);
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        expect(valuesDiffer(a, b)).toBe(valuesDiffer(b, a));
        expect(valuesDiffer(a, a)).toBe(false);
      }),
    );
  });
});

describe('targetFor', () => {
  it('takes the period’s own target, else the shortest covering one', () => {
    const year = { period: annualPeriod(2026), value: 600 };
    const half = { period: { start: '2026-01-01', end: '2026-06-30' }, value: 300 };
    const own = { period: MARCH_APRIL, value: 100 };
    expect(targetFor([year, own, half], MARCH_APRIL)).toBe(own);
    expect(targetFor([year, half], MARCH_APRIL)).toBe(half);
    expect(targetFor([half], annualPeriod(2026))).toBeNull();
  });
});

describe('buildReport', () => {
  const manualOnly = indicator(null, {
    id: 'i1',
    code: 'B',
    baseline: { year: 2025, value: 0 },
    targets: [{ period: MARCH_APRIL, value: 10 }],
  });
  const computedOnly = indicator(
    { aggregate: 'count' },
    { id: 'i2', code: 'A', baseline: { year: 2025, value: 0 }, targets: [{ period: MARCH_APRIL, value: 4 }] },
  );
  const both = indicator({ aggregate: 'count' }, { id: 'i3', code: 'C', targets: [] });
  const decrease = indicator(null, {
    id: 'i4',
    projectId: 'p2',
    code: 'D',
    direction: 'decrease',
    baseline: { year: 2025, value: 30 },
    targets: [{ period: annualPeriod(2026), value: 10 }],
  });
  const deleted = indicator(null, { id: 'i5', code: 'E', deleted: true });
  const subs = [submission({}), submission({}), submission({}), submission({}, '2026-05-01T00:00:00Z')];
  const values = [
    value({ id: 'v1', indicatorId: 'i1', value: 10, reviewStatus: 'approved' }),
    value({ id: 'v0', indicatorId: 'i1', value: 99, deleted: true }),
    value({ id: 'v2', indicatorId: 'i1', value: 3, categories: { sex: 'f' } }),
    value({ id: 'v3', indicatorId: 'i3', value: 5, reviewStatus: 'has_issues' }),
    value({ id: 'v4', indicatorId: 'i4', projectId: 'p2', value: 26, reviewStatus: 'verified' }),
  ];
  const report = buildReport({
    kind: 'bimonthly',
    period: MARCH_APRIL,
    projectId: null,
    projects,
    indicators: [manualOnly, computedOnly, both, decrease, deleted],
    values,
    submissions: subs,
    received: [
      { id: 'r1', projectId: 'p1', finalizedAt: '2026-03-02T10:00:00Z' },
      { id: 'r2', projectId: 'p1', finalizedAt: '2026-04-30T23:59:00Z' },
      { id: 'r3', projectId: 'p1', finalizedAt: '2026-03-05T10:00:00Z' },
      { id: 'r4', projectId: 'p2', finalizedAt: '2026-03-05T10:00:00Z' },
      { id: 'r5', projectId: 'p2', finalizedAt: '2026-05-01T00:00:00Z' },
    ],
    reviews: [
      { submissionId: 'r1', status: 'verified', deleted: false },
      { submissionId: 'r3', status: 'has_issues', deleted: false },
      { submissionId: 'r4', status: 'approved', deleted: true },
    ],
  });

  it('reports every live project by code, indicators by code', () => {
    expect(report.projects.map((p) => p.projectId)).toEqual(['p2', 'p1']);
    expect(report.projects[1]?.indicators.map((i) => i.code)).toEqual(['A', 'B', 'C']);
  });

  it('takes the manual value first, the computed one otherwise, and names the gaps', () => {
    const [a, b, c] = report.projects[1]!.indicators;
    expect(a).toMatchObject({ actual: 3, source: 'computed', progress: 0.75, status: 'off_track' });
    expect(a?.gaps).toEqual(['unverified']);
    expect(b).toMatchObject({
      actual: 10,
      source: 'manual',
      progress: 1,
      status: 'met',
      verification: 'approved',
    });
    expect(b?.gaps).toEqual([]);
    expect(c).toMatchObject({ actual: 5, source: 'manual', verification: 'has_issues', status: 'unknown' });
    expect(c?.values).toMatchObject({ manual: 5, computed: 3, differ: true });
    expect(c?.gaps).toEqual(['no_target', 'no_baseline', 'flagged', 'values_differ']);
  });

  it('counts each project’s submissions of the period by review status, and names the unreviewed and flagged', () => {
    const [p2, p1] = report.projects;
    expect(p1?.submissions).toMatchObject({ received: 3, verified: 1, hasIssues: 1, unreviewed: 1 });
    expect(p1?.submissions).toMatchObject({ oldestUnreviewed: '2026-04-30', oldestFlagged: '2026-03-05' });
    expect(p1?.submissionGaps).toEqual(['submissions_unreviewed', 'submissions_flagged']);
    // A withdrawn review is no review; a submission of May is not of March–April.
    expect(p2?.submissions).toMatchObject({ received: 1, approved: 0, unreviewed: 1 });
    expect(report.submissions).toMatchObject({ received: 4, unreviewed: 2, oldestUnreviewed: '2026-03-05' });
  });

  it('breaks a disaggregated indicator down by category, entered or computed', () => {
    const [a, b] = report.projects[1]!.indicators;
    expect(b?.breakdown).toHaveLength(1);
    expect(b?.breakdown[0]?.categories.map((c) => [c.code, c.actual, c.source])).toEqual([
      ['f', 3, 'manual'],
      ['m', null, null],
    ]);
    // The computed indicator's submissions have no head_sex: nothing to break down.
    expect(a?.breakdown).toEqual([]);
  });

  it('measures a decrease against a covering annual target', () => {
    const d = report.projects[0]!.indicators[0];
    expect(d).toMatchObject({ actual: 26, progress: 0.2, status: 'off_track', target: { value: 10 } });
  });

  it('totals per project and over all', () => {
    expect(report.projects[1]?.totals).toMatchObject({
      indicators: 3,
      met: 1,
      offTrack: 1,
      unknown: 1,
      verified: 1,
      withGaps: 2,
    });
    expect(report.totals).toMatchObject({ indicators: 4, met: 1, offTrack: 2, unknown: 1, verified: 2 });
    expect(report.totals.gaps).toMatchObject({ unverified: 1, flagged: 1, values_differ: 1, no_target: 1 });
  });

  it('reports one project when asked, with no value as a gap', () => {
    const one = buildReport({
      kind: 'annual',
      period: annualPeriod(2026),
      projectId: 'p2',
      projects,
      indicators: [manualOnly, decrease],
      values,
      submissions: subs,
      received: [],
      reviews: [],
    });
    expect(one.projects[0]?.submissions.received).toBe(0);
    expect(one.projects.map((p) => p.projectId)).toEqual(['p2']);
    expect(one.projects[0]?.indicators[0]).toMatchObject({ actual: null, source: null, progress: null });
    expect(one.projects[0]?.indicators[0]?.gaps).toEqual(['no_value']);
  });
});
