import { mediaRefsOf } from '../../core/forms/mediaRefs';
import { SubmissionFields } from '../../core/records/submission';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';
import { mergedTables, refreshMergedRows } from '../sync/mergedRows';
import { appendMutation } from './appendMutation';
import { refreshVersion } from './submissionVersions';

/**
 * What the user does with a mutation the server refused (the "needs attention" page): resend it or discard
 * it on purpose. Apart from outbox.ts because only that page needs it: it loads with the page, off the
 * JavaScript counted for opening the app and filling a form (GUIDE §4), and so do the merge and version
 * bookkeeping it calls.
 */

async function getRejected(db: TerrainDb, seq: number): Promise<OutboxEntry> {
  const entry = await db.outbox.get(seq);
  if (!entry) throw new Error(`No outbox entry ${seq}`);
  if (entry.state !== 'rejected') throw new Error(`Outbox entry ${seq} is not rejected`);
  return entry;
}

/**
 * The user's deliberate discard of a refused mutation. The outbox entry goes; the local submission is KEPT,
 * still `rejected`, with `discardedAt` set, so the UI can show it as discarded and its answers are not lost.
 */
export async function discardRejected(db: TerrainDb, seq: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.submissions, ...mergedTables(db)], async () => {
    const entry = await getRejected(db, seq);
    await db.outbox.delete(seq);
    if (entry.table === 'submissions') {
      await db.submissions.update(entry.id, { discardedAt: new Date().toISOString() });
      // A discarded correction never reached the server: the version it replaced is current again.
      await refreshVersion(db, entry.id);
    }
    // A mergeable record (a review) shows the server's values again where the discarded change had its own.
    await refreshMergedRows(db, [entry]);
  });
}

/**
 * Queues a refused mutation again, optionally with corrected fields, at the END of the queue: a new seq (the
 * server has already processed the old one and would answer `duplicate`) and a new mutationId (it is a new
 * change, not a replay). The old entry is removed in the same transaction.
 */
export async function resendRejected(
  db: TerrainDb,
  seq: number,
  fields?: Record<string, unknown>,
): Promise<OutboxEntry> {
  const tables = [db.outbox, db.submissions, db.meta, db.media, ...mergedTables(db)];
  return db.transaction('rw', tables, async () => {
    const entry = await getRejected(db, seq);
    let nextFields = fields ?? entry.fields;
    if (entry.table === 'submissions' && entry.op === 'put') {
      nextFields = SubmissionFields.parse(nextFields);
      // The local record shows what is being sent; the id and author never change.
      await db.submissions.update(entry.id, { ...nextFields, syncState: 'pending', discardedAt: undefined });
      await recheckMedia(db, nextFields.data);
    }
    await db.outbox.delete(seq);
    const resent = await appendMutation(
      db,
      {
        table: entry.table,
        id: entry.id,
        op: entry.op,
        fields: nextFields,
        ...(entry.base ? { base: entry.base } : {}),
      },
      new Date(),
    );
    // The resent change has a new clock: the next edit of the record must name it as what it saw.
    await refreshMergedRows(db, [resent]);
    // A resent correction is ordered by its new clock, and replaces its version again if it was discarded.
    if (entry.table === 'submissions') await refreshVersion(db, entry.id, resent.hlc);
    return resent;
  });
}

/**
 * The files of a resent submission are checked with the server again at the next sync (a HEAD each): while
 * the submission was refused, no record named them there, and the server deletes such files after a delay
 * (UPLOAD_TTL_HOURS), so "uploaded once" may no longer mean "on the server".
 */
async function recheckMedia(db: TerrainDb, answers: unknown): Promise<void> {
  const uploaded = (await db.media.bulkGet(mediaRefsOf(answers).map((ref) => ref.sha256))).filter(
    (row) => row?.uploadState === 'uploaded',
  );
  for (const row of uploaded) if (row) await db.media.update(row.sha256, { uploadState: 'pending' });
}
