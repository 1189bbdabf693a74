import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryBreakdown } from '../../../src/core/indicators/breakdown';
import { computeIndicator } from '../../../src/core/indicators/compute';
import { bimonthlyPeriod } from '../../../src/core/indicators/periods';
import {
  addCounts,
  submissionCountsByProject,
  type ReceivedSubmission,
  type SubmissionReview,
} from '../../../src/core/indicators/verification';
import { REVIEW_STATUSES } from '../../../src/core/records/review';
import { indicator, submission } from './fixtures';

const MARCH_APRIL = bimonthlyPeriod(2026, 2);

/** A day of 2026, so some fall in March–April and some not. */
const day2026 = fc
  .integer({ min: 0, max: 364 })
  .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));

const received = fc.array(
  fc.record({
    id: fc.integer({ min: 1, max: 40 }).map((n) => `s${n}`),
    projectId: fc.constantFrom('p1', 'p2', 'p3'),
    finalizedAt: fc
      .tuple(day2026, fc.constantFrom('T00:00:00Z', 'T12:30:00.000Z', 'T23:59:59+01:00'))
      .map(([d, t]) => d + t),
  }),
  { maxLength: 60 },
);

const reviews = fc.array(
  fc.record({
    submissionId: fc.integer({ min: 1, max: 40 }).map((n) => `s${n}`),
    status: fc.constantFrom(null, ...REVIEW_STATUSES),
    deleted: fc.boolean(),
  }),
  { maxLength: 40 },
);

const sumOfStatuses = (c: ReturnType<typeof addCounts>) =>
  c.verified + c.hasIssues + c.approved + c.rejected + c.unreviewed;

describe('submission verification counts', () => {
  it('add up to the submissions received, each id once, only those of the period', () => {
    fc.assert(
      fc.property(received, reviews, (subs: ReceivedSubmission[], revs: SubmissionReview[]) => {
        const byProject = submissionCountsByProject(MARCH_APRIL, subs, revs);
        for (const counts of byProject.values()) expect(sumOfStatuses(counts)).toBe(counts.received);
        const total = addCounts([...byProject.values()]);
        const inPeriod = new Set(
          subs
            .filter(
              (s) =>
                s.finalizedAt.slice(0, 10) >= MARCH_APRIL.start &&
                s.finalizedAt.slice(0, 10) <= MARCH_APRIL.end,
            )
            .map((s) => s.id),
        );
        // An id seen twice counts once, in the project of its first row.
        expect(total.received).toBe(inPeriod.size);
        expect(sumOfStatuses(total)).toBe(total.received);
        expect(total.oldestUnreviewed === null).toBe(total.unreviewed === 0);
        expect(total.oldestFlagged === null).toBe(total.hasIssues === 0);
      }),
    );
  });

  it('counts a withdrawn review, or one without a status, as not reviewed', () => {
    const subs = [
      { id: 'a', projectId: 'p1', finalizedAt: '2026-03-01T08:00:00Z' },
      { id: 'b', projectId: 'p1', finalizedAt: '2026-03-02T08:00:00Z' },
      { id: 'c', projectId: 'p1', finalizedAt: '2026-03-03T08:00:00Z' },
    ];
    const counts = submissionCountsByProject(MARCH_APRIL, subs, [
      { submissionId: 'a', status: 'rejected', deleted: true },
      { submissionId: 'b', status: null, deleted: false },
      { submissionId: 'c', status: 'rejected', deleted: false },
    ]).get('p1');
    expect(counts).toMatchObject({ received: 3, unreviewed: 2, rejected: 1, oldestUnreviewed: '2026-03-01' });
  });
});

describe('category breakdown', () => {
  const answers = fc.array(
    fc.record({
      head_sex: fc.constantFrom('f', 'm'),
      size: fc.integer({ min: 0, max: 20 }),
      day: day2026,
    }),
    { maxLength: 30 },
  );

  it('sums to the total of a count or a sum when the categories cover every submission', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom('count' as const, 'sum' as const), (rows, aggregate) => {
        const ind = indicator({ aggregate, field: 'size', dateField: 'day' });
        const subs = rows.map((r) => submission(r));
        const total = computeIndicator(ind, MARCH_APRIL, {}, subs);
        const [sex, ...others] = categoryBreakdown(ind, MARCH_APRIL, [], subs);
        // The `age` disaggregation has no categories: never shown.
        expect(others).toEqual([]);
        if (total?.submissions === 0) {
          expect(sex).toBeUndefined();
          return;
        }
        const sum = sex!.categories.reduce((acc, c) => acc + (c.actual ?? 0), 0);
        expect(sum).toBe(total?.value);
        expect(sex!.categories.every((c) => c.source === 'computed')).toBe(true);
      }),
    );
  });

  it('keeps an entered category value beside the computed one, with its review', () => {
    const ind = indicator({ aggregate: 'count' });
    const subs = [
      submission({ head_sex: 'f' }),
      submission({ head_sex: 'f' }),
      submission({ head_sex: 'm' }),
    ];
    const entered = {
      id: 'v1',
      indicatorId: 'i1',
      projectId: 'p1',
      periodStart: MARCH_APRIL.start,
      periodEnd: MARCH_APRIL.end,
      categories: { sex: 'f' },
      value: 5,
      comment: '',
      enteredBy: 'u1',
      reviewStatus: 'verified' as const,
      reviewComment: '',
      reviewedBy: 'u2',
      deleted: false,
    };
    // A value for two categories at once is not a single category's.
    const crossed = { ...entered, id: 'v2', categories: { sex: 'm', age: 'old' }, value: 40 };
    const [sex] = categoryBreakdown(ind, MARCH_APRIL, [entered, crossed], subs);
    expect(sex?.categories).toMatchObject([
      {
        code: 'f',
        actual: 5,
        source: 'manual',
        verification: 'verified',
        values: { computed: 2, differ: true },
      },
      { code: 'm', actual: 1, source: 'computed', verification: null },
    ]);
  });
});
