import type { ReviewStatus } from '../../core/records/review';
import { mergeTable } from '../../core/sync/mergeTables';
import { parseWrite } from '../../core/sync/mergeRecords';
import type { TerrainDb } from '../db/TerrainDb';
import type { ReviewRecord } from '../db/schema';
import { overlay } from '../sync/mergedRows';
import { appendMutation } from './appendMutation';
import { appendReviewEvent } from './reviewEvents';

/** What a reviewer changes: any of the fields; a field comment set to null is removed. */
export interface ReviewChange {
  status?: ReviewStatus | null;
  comment?: string;
  fieldComments?: Record<string, string | null>;
}

export async function getReview(db: TerrainDb, submissionId: string): Promise<ReviewRecord | undefined> {
  return db.reviews.get(submissionId);
}

/**
 * Saves a reviewer's change of a submission's review. In ONE transaction: the review as shown and its
 * mutation in the outbox, and the event that keeps the action in the review history (reviewEvents.ts). Only the fields that differ from what the reviewer saw are written, each sent with
 * the clock of the value it replaces: a colleague's concurrent change of another field (another question's
 * comment, say) is kept, and replacing a value the reviewer saw is not reported as a conflict.
 *
 * Returns the review as shown; nothing is written when nothing differs. Throws when the change is invalid.
 */
export async function saveReview(
  db: TerrainDb,
  submission: { id: string; projectId: string },
  change: ReviewChange,
  now = new Date(),
): Promise<ReviewRecord | undefined> {
  return db.transaction('rw', [db.reviews, db.reviewEvents, db.outbox, db.meta], async () => {
    const current = await db.reviews.get(submission.id);
    // A withdrawn review is edited as if empty; the edit brings it back.
    const shown = current?.deleted ? undefined : current;
    const identity = { submissionId: submission.id, projectId: submission.projectId };
    const fields: Record<string, unknown> = { ...identity };
    const base: Record<string, string> = {};
    const write = (name: string, path: string, value: unknown) => {
      fields[name] = value;
      const seen = current?.clocks[path];
      if (seen !== undefined) base[path] = seen;
    };
    if (change.status !== undefined && change.status !== (shown?.status ?? null))
      write('status', 'status', change.status);
    if (change.comment !== undefined && change.comment !== (shown?.comment ?? ''))
      write('comment', 'comment', change.comment);
    const comments: Record<string, string | null> = {};
    for (const [name, text] of Object.entries(change.fieldComments ?? {})) {
      if ((text ?? null) === (shown?.fieldComments[name] ?? null)) continue;
      comments[name] = text;
      const seen = current?.clocks[`fieldComments.${name}`];
      if (seen !== undefined) base[`fieldComments.${name}`] = seen;
    }
    if (Object.keys(comments).length > 0) fields.fieldComments = comments;
    if (Object.keys(fields).length === Object.keys(identity).length) return current;
    // Every put also says the review is not withdrawn: name the tombstone's clock as seen.
    if (current?.clocks.deleted !== undefined) base.deleted = current.clocks.deleted;

    const parsed = parseWrite(mergeTable('reviews'), 'put', fields);
    if (!parsed.ok) throw parsed.error;
    await appendMutation(db, { table: 'reviews', id: submission.id, op: 'put', fields, base }, now);
    const entries = await db.outbox.where('[table+id]').equals(['reviews', submission.id]).toArray();
    const shownNow = overlay('reviews', submission.id, identity, current?.server ?? {}, entries, db.userId);
    // The reviews table holds the rows `overlay` builds: the review's fields plus the merge bookkeeping.
    const row = shownNow as unknown as ReviewRecord;
    await db.reviews.put(row);
    await appendReviewEvent(
      db,
      { table: 'submissions', id: submission.id, projectId: submission.projectId },
      {
        status: fields.status as ReviewStatus | null | undefined,
        comment: fields.comment as string | undefined,
        fieldComments: fields.fieldComments as Record<string, string | null> | undefined,
      },
      now,
    );
    return row;
  });
}
