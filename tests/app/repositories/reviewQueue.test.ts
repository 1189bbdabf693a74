import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { ReviewRecord } from '../../../src/app/db/schema';
import { listReviewQueue } from '../../../src/app/repositories/reviewQueue';
import { openTestDb } from '../fixtures';
import { submissionAt, valueOf } from './coordinationFixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

function review(submissionId: string, status: ReviewRecord['status'], deleted = false): ReviewRecord {
  return {
    id: submissionId,
    submissionId,
    projectId: 'p-gao',
    status,
    comment: '',
    fieldComments: {},
    reviewedBy: 'user-fp',
    deleted,
    server: {},
    clocks: {},
  };
}

describe('review queue', () => {
  it('lists unreviewed or flagged submissions and unverified values, oldest first', async () => {
    await db.submissions.bulkPut([
      submissionAt('s-new', '2024-05-03T10:00:00.000Z'),
      submissionAt('s-old', '2024-02-01T08:00:00.000Z'),
      submissionAt('s-flagged', '2024-04-01T08:00:00.000Z'),
      submissionAt('s-verified', '2024-01-01T08:00:00.000Z'),
      submissionAt('s-withdrawn', '2024-03-01T08:00:00.000Z'),
      submissionAt('s-superseded', '2024-01-02T08:00:00.000Z', { versionState: 'superseded' }),
      submissionAt('s-other-project', '2024-01-03T08:00:00.000Z', { projectId: 'p-elsewhere' }),
    ]);
    await db.reviews.bulkPut([
      review('s-flagged', 'has_issues'),
      review('s-verified', 'verified'),
      review('s-withdrawn', 'approved', true),
    ]);
    await db.indicatorValues.bulkPut([
      valueOf('2024-01-01', '2024-03-31', 40),
      valueOf('2024-04-01', '2024-04-30', 10, { reviewStatus: 'has_issues' }),
      valueOf('2023-01-01', '2023-12-31', 90, { reviewStatus: 'verified' }),
      valueOf('2024-05-01', '2024-05-31', null),
    ]);
    const queue = await listReviewQueue(db);
    expect(queue.map((i) => (i.kind === 'submission' ? i.submission.id : i.value.periodEnd))).toEqual([
      's-old',
      's-withdrawn',
      '2024-03-31',
      's-flagged',
      '2024-04-30',
      's-new',
    ]);
  });
});
