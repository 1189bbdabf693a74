import type { TerrainDb } from '../db/TerrainDb';
import type { IndicatorValueRecord, ReviewRecord, SubmissionRecord } from '../db/schema';

/** One thing waiting for a focal point, with the date it has been waiting since. */
export type ReviewQueueItem =
  | { kind: 'submission'; since: string; submission: SubmissionRecord; review: ReviewRecord | undefined }
  | { kind: 'indicatorValue'; since: string; value: IndicatorValueRecord };

/** A review status after which a submission or value no longer waits for a focal point. */
const DONE = new Set(['verified', 'approved', 'rejected']);

/**
 * What waits for review in the projects on this device (the server sends a focal point only the projects
 * they belong to), oldest first: current submissions with no review or one flagged has_issues, and
 * entered indicator values not yet verified. A value has no entry time of its own: its period's end is
 * when it became due, so it sorts by that. Read from the device only, so it works offline.
 */
export async function listReviewQueue(db: TerrainDb): Promise<ReviewQueueItem[]> {
  return db.transaction('r', [db.projects, db.submissions, db.reviews, db.indicatorValues], async () => {
    const projects = new Set((await db.projects.toArray()).filter((p) => !p.deleted).map((p) => p.id));
    // By the projectId index (Dexie v7): only the submissions of those projects are read.
    const submissions = await db.submissions
      .where('projectId')
      .anyOf([...projects])
      .filter((s) => !s.versionState && !s.discardedAt)
      .toArray();
    const reviews = await db.reviews.bulkGet(submissions.map((s) => s.id));
    const items: ReviewQueueItem[] = [];
    submissions.forEach((submission, i) => {
      const review = reviews[i];
      const status = review && !review.deleted ? review.status : null;
      if (status && status !== 'has_issues') return;
      items.push({ kind: 'submission', since: submission.finalizedAt, submission, review });
    });
    const values = await db.indicatorValues
      .filter((v) => projects.has(v.projectId) && !v.deleted && v.value !== null)
      .toArray();
    for (const value of values) {
      if (value.reviewStatus && DONE.has(value.reviewStatus)) continue;
      items.push({ kind: 'indicatorValue', since: value.periodEnd, value });
    }
    // ISO dates and date-times compare as text; a period end (a day) sorts before that day's submissions.
    return items.sort((a, b) => a.since.localeCompare(b.since));
  });
}
