import type { TerrainDb } from '../db/TerrainDb';
import type { ReviewRecord, SubmissionRecord } from '../db/schema';

/** The review statuses that send a submission back to its author. */
const SENT_BACK = ['has_issues', 'rejected'];

/** A submission a reviewer sent back to its author, with that review. */
export interface ToCorrect {
  submission: SubmissionRecord;
  review: ReviewRecord;
}

/**
 * The ids of the user's own submissions that a reviewer flagged or rejected and that no correction has
 * replaced yet (a correction is a new version: the flagged one becomes superseded and leaves the list).
 * Keys only, by indexes (Dexie v10), so the header can count them at every change without unsealing rows;
 * the reviews themselves are read to leave out withdrawn ones.
 */
async function sentBackIds(db: TerrainDb, userId: string): Promise<string[]> {
  const flagged = await db.reviews.where('status').anyOf(SENT_BACK).primaryKeys();
  if (flagged.length === 0) return [];
  const mine = new Set(await db.submissions.where('createdBy').equals(userId).primaryKeys());
  const replaced = new Set(
    await db.submissions.where('versionState').anyOf(['superseded', 'conflicting']).primaryKeys(),
  );
  const candidates = flagged.filter((id) => mine.has(id) && !replaced.has(id));
  if (candidates.length === 0) return [];
  const reviews = await db.reviews.bulkGet(candidates);
  return candidates.filter((_, i) => reviews[i] && !reviews[i].deleted);
}

/** How many of the user's submissions wait for a correction (the header's badge). */
export async function countToCorrect(db: TerrainDb, userId: string): Promise<number> {
  return db.transaction(
    'r',
    [db.reviews, db.submissions],
    async () => (await sentBackIds(db, userId)).length,
  );
}

/** The user's submissions waiting for a correction, with the review that sent them back, oldest first. */
export async function listToCorrect(db: TerrainDb, userId: string): Promise<ToCorrect[]> {
  return db.transaction('r', [db.reviews, db.submissions], async () => {
    const ids = await sentBackIds(db, userId);
    const [submissions, reviews] = await Promise.all([db.submissions.bulkGet(ids), db.reviews.bulkGet(ids)]);
    const items: ToCorrect[] = [];
    ids.forEach((_, i) => {
      const submission = submissions[i];
      const review = reviews[i];
      if (submission && review) items.push({ submission, review });
    });
    return items.sort((a, b) => a.submission.finalizedAt.localeCompare(b.submission.finalizedAt));
  });
}
