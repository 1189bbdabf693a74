import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lastWeeks,
  median,
  usageStats,
  weekOf,
  type UsageReview,
  type UsageSubmission,
} from '../../../src/core/usage/usageStats';

const sub = (id: string, at: string, more: Partial<UsageSubmission> = {}): UsageSubmission => ({
  id,
  projectId: 'p1',
  formId: 'f1',
  createdBy: 'agent',
  finalizedAt: at,
  replaces: null,
  ...more,
});

const WEEKS = lastWeeks(new Date('2026-03-04T10:00:00.000Z'), 4);

describe('use of the database', () => {
  it('names weeks by their Monday (UTC), the last one holding now', () => {
    expect(weekOf('2026-03-01T23:59:59.000Z')).toBe('2026-02-23'); // a Sunday
    expect(weekOf('2026-03-02T00:00:00.000Z')).toBe('2026-03-02'); // a Monday
    expect(WEEKS).toEqual(['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02']);
  });

  it('counts originals per week and group, a correction once with its original', () => {
    const stats = usageStats({
      submissions: [
        sub('a', '2026-02-10T09:00:00.000Z'),
        sub('a2', '2026-02-20T09:00:00.000Z', { replaces: 'a' }),
        sub('b', '2026-02-24T09:00:00.000Z', { formId: 'f2', createdBy: 'agent2' }),
        sub('c', '2026-02-25T09:00:00.000Z', { projectId: 'p2' }),
        sub('old', '2026-01-05T09:00:00.000Z'),
      ],
      reviews: [],
      weeks: WEEKS,
      groupBy: 'form',
    });
    expect(stats.total).toBe(3);
    expect(stats.rows).toEqual([
      { key: 'f1', counts: [1, 0, 1, 0], total: 2 },
      { key: 'f2', counts: [0, 0, 1, 0], total: 1 },
    ]);
    expect(stats.activeUsers).toBe(2);
    expect(
      usageStats({
        submissions: [sub('c', '2026-02-25T09:00:00.000Z', { projectId: 'p2' })],
        reviews: [],
        weeks: WEEKS,
        groupBy: 'project',
        projectId: 'p1',
      }).total,
    ).toBe(0);
  });

  it('takes the median time to the first verification, and the share flagged on any version', () => {
    const submissions = [
      sub('a', '2026-02-10T08:00:00.000Z'),
      sub('a2', '2026-02-12T08:00:00.000Z', { replaces: 'a' }),
      sub('b', '2026-02-10T08:00:00.000Z'),
      sub('c', '2026-02-10T08:00:00.000Z'),
    ];
    const reviews: UsageReview[] = [
      { submissionId: 'a', status: 'has_issues', at: '2026-02-11T08:00:00.000Z', by: 'focal' },
      { submissionId: 'a2', status: 'verified', at: '2026-02-14T08:00:00.000Z', by: 'focal' },
      { submissionId: 'b', status: 'verified', at: '2026-02-11T08:00:00.000Z', by: 'focal' },
      { submissionId: 'b', status: 'approved', at: '2026-02-13T08:00:00.000Z', by: 'supervisor' },
      { submissionId: 'c', status: 'verified', at: null, by: null },
    ];
    const stats = usageStats({ submissions, reviews, weeks: WEEKS, groupBy: 'agent' });
    expect(stats.total).toBe(3);
    expect(stats.verified).toBe(2);
    // a: 4 days (to its correction's verification), b: 1 day → median 2.5 days.
    expect(stats.medianVerifyMs).toBe(2.5 * 86_400_000);
    expect(stats.flagged).toBe(1);
    expect(stats.activeUsers).toBe(3);
  });

  it('keeps its sums true and its figures within bounds, for any data', () => {
    const iso = fc
      .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-04-01T00:00:00Z') })
      .map((t) => new Date(t).toISOString());
    const submission = fc.record({
      id: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
      projectId: fc.constantFrom('p1', 'p2'),
      formId: fc.constantFrom('f1', 'f2'),
      createdBy: fc.constantFrom('u1', 'u2', 'u3'),
      finalizedAt: iso,
      replaces: fc.option(fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'), { nil: null }),
    });
    const review = fc.record({
      submissionId: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
      status: fc.constantFrom('verified', 'has_issues', 'approved', 'rejected', null),
      at: fc.option(iso, { nil: null }),
      by: fc.option(fc.constantFrom('u1', 'u4'), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(submission, { selector: (s) => s.id }),
        fc.array(review),
        fc.constantFrom('project', 'form', 'agent'),
        (submissions, reviews, groupBy) => {
          const stats = usageStats({ submissions, reviews, weeks: WEEKS, groupBy });
          expect(stats.rows.reduce((n, r) => n + r.total, 0)).toBe(stats.total);
          for (const row of stats.rows) expect(row.counts.reduce((n, c) => n + c, 0)).toBe(row.total);
          expect(stats.verified).toBeLessThanOrEqual(stats.total);
          expect(stats.flagged).toBeLessThanOrEqual(stats.total);
          if (stats.medianVerifyMs !== null) expect(stats.medianVerifyMs).toBeGreaterThanOrEqual(0);
          expect(stats.total).toBeLessThanOrEqual(submissions.length);
        },
      ),
    );
  });

  it('median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
