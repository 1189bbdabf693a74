import { SubmissionFields } from '../../core/records/submission';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';
import { appendMutation } from './appendMutation';

export async function countPending(db: TerrainDb): Promise<number> {
  return db.outbox.where('state').equals('pending').count();
}

export async function countRejected(db: TerrainDb): Promise<number> {
  return db.outbox.where('state').equals('rejected').count();
}

/** The oldest pending entries in seq order (entries with equal index values come in primary-key order). */
export async function listPending(db: TerrainDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.where('state').equals('pending').limit(limit).toArray();
}

/** The "needs attention" list: mutations the server refused, oldest first. */
export async function listRejected(db: TerrainDb): Promise<OutboxEntry[]> {
  return db.outbox.where('state').equals('rejected').toArray();
}

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
  // Loaded before the transaction (awaiting anything but Dexie inside one would commit it early), and only
  // here: merging is not needed to open the app and fill a form.
  const { mergedTables, refreshMergedRows } = await import('../sync/mergedRows');
  const versions = await import('./submissionVersions');
  await db.transaction('rw', [db.outbox, db.submissions, ...mergedTables(db)], async () => {
    const entry = await getRejected(db, seq);
    await db.outbox.delete(seq);
    if (entry.table === 'submissions') {
      await db.submissions.update(entry.id, { discardedAt: new Date().toISOString() });
      // A discarded correction never reached the server: the version it replaced is current again.
      await versions.refreshVersion(db, entry.id);
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
  const { mergedTables, refreshMergedRows } = await import('../sync/mergedRows');
  const versions = await import('./submissionVersions');
  return db.transaction('rw', [db.outbox, db.submissions, db.meta, ...mergedTables(db)], async () => {
    const entry = await getRejected(db, seq);
    let nextFields = fields ?? entry.fields;
    if (entry.table === 'submissions' && entry.op === 'put') {
      nextFields = SubmissionFields.parse(nextFields);
      // The local record shows what is being sent; the id and author never change.
      await db.submissions.update(entry.id, { ...nextFields, syncState: 'pending', discardedAt: undefined });
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
    if (entry.table === 'submissions') await versions.refreshVersion(db, entry.id, resent.hlc);
    return resent;
  });
}
