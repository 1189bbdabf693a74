import type { ReviewStatus } from '../../core/records/review';
import type { ReviewTarget } from '../../core/records/reviewEvent';
import { mergeTable } from '../../core/sync/mergeTables';
import { parseWrite } from '../../core/sync/mergeRecords';
import type { TerrainDb } from '../db/TerrainDb';
import type { ReviewEventRecord } from '../db/schema';
import { overlay } from '../sync/mergedRows';
import { appendMutation } from './appendMutation';

/** What one review action changed: only the fields it set. */
export interface ReviewAction {
  status?: ReviewStatus | null;
  comment?: string;
  /** Question comments it set; null when it removed one. */
  fieldComments?: Record<string, string | null>;
}

/**
 * Records one review action in the history: a new event (a fresh id, written once) and its mutation in the
 * outbox. Call it INSIDE the transaction that saves the review change (over reviewEvents, outbox and meta),
 * after the change's own mutation, so that the server creates the reviewed record before its event.
 */
export async function appendReviewEvent(
  db: TerrainDb,
  target: { table: ReviewTarget; id: string; projectId: string },
  action: ReviewAction,
  now: Date,
): Promise<ReviewEventRecord> {
  const id = crypto.randomUUID();
  const identity = { targetTable: target.table, targetId: target.id, projectId: target.projectId };
  const fields: Record<string, unknown> = { ...identity, at: now.toISOString() };
  // A status cleared (null) is "left as it was" in an event: only statuses set are history.
  if (action.status) fields.status = action.status;
  if (action.comment !== undefined) fields.comment = action.comment;
  const comments = Object.entries(action.fieldComments ?? {});
  // In an event, '' says the comment was removed (null would remove the entry from the event itself).
  if (comments.length > 0) fields.fieldComments = Object.fromEntries(comments.map(([k, v]) => [k, v ?? '']));
  const parsed = parseWrite(mergeTable('reviewEvents'), 'put', fields);
  if (!parsed.ok) throw parsed.error;
  const entry = await appendMutation(db, { table: 'reviewEvents', id, op: 'put', fields }, now);
  const row = overlay('reviewEvents', id, identity, {}, [entry], db.userId) as unknown as ReviewEventRecord;
  await db.reviewEvents.put(row);
  return row;
}

/** An event of the history as shown: `unsent` while it waits in the outbox, `refused` if the server refused it. */
export type ReviewHistoryEntry = ReviewEventRecord & { sendState: 'sent' | 'unsent' | 'refused' };

/**
 * The history of these records of `table` (a submission, or the values of an indicator), newest first. Read
 * from the device only: this device's events show at once, others' once pulled.
 */
export async function listReviewHistory(
  db: TerrainDb,
  table: ReviewTarget,
  targetIds: readonly string[],
): Promise<ReviewHistoryEntry[]> {
  return db.transaction('r', [db.reviewEvents, db.outbox], async () => {
    const events = (await db.reviewEvents.where('targetId').anyOf(targetIds).toArray()).filter(
      (e) => e.targetTable === table && !e.deleted,
    );
    const waiting = await db.outbox
      .where('[table+id]')
      .anyOf(events.map((e) => ['reviewEvents', e.id]))
      .toArray();
    const state = new Map(waiting.map((entry) => [entry.id, entry.state]));
    return events
      .map((e): ReviewHistoryEntry => {
        const s = state.get(e.id);
        return { ...e, sendState: s === undefined ? 'sent' : s === 'pending' ? 'unsent' : 'refused' };
      })
      .sort((a, b) => b.at.localeCompare(a.at) || (b.clocks.at ?? '').localeCompare(a.clocks.at ?? ''));
  });
}
