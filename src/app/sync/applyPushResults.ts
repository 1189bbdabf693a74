import type { ClientPushResponse } from '../../core/sync/protocol';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';
import { mergedTables, refreshMergedRows } from './mergedRows';

/**
 * Applies the server's per-mutation results of one batch in ONE transaction:
 * - applied / duplicate: the server has it; the entry leaves the outbox and the record is `synced`.
 * - conflict (mergeable records only): merged, but some fields lost to newer values, which the server kept in
 *   its conflict log for supervisors: done too; the record shows the server's values for those fields.
 * - rejected: the entry STAYS, marked `rejected` with the server's reason, and the record shows
 *   `rejected`: the user fixes and resends it or discards it on purpose; it is never dropped silently.
 *   Whatever its code: one this version does not know (a newer server's) is a refusal like the others.
 * Returns how many entries of the batch got a result.
 */
export async function applyPushResults(
  db: TerrainDb,
  batch: OutboxEntry[],
  response: ClientPushResponse,
  at: string,
): Promise<number> {
  // Results are named by seq (protocol 2 on); a protocol 1 server also echoes the mutationId, checked if there.
  const bySeq = new Map(batch.map((entry) => [entry.seq, entry]));
  const done: OutboxEntry[] = [];
  const refused: OutboxEntry[] = [];
  /** Fields of each done entry that lost to newer values (mergeable records). */
  const lost = new Map<OutboxEntry, readonly string[]>();
  for (const result of response.results) {
    const entry = bySeq.get(result.seq);
    if (!entry || (result.mutationId !== undefined && entry.mutationId !== result.mutationId)) continue;
    bySeq.delete(result.seq);
    switch (result.status) {
      case 'applied':
      case 'duplicate':
        done.push(entry);
        break;
      case 'conflict':
        done.push(entry);
        lost.set(entry, result.fields ?? Object.keys(entry.fields));
        break;
      case 'rejected':
        refused.push({
          ...entry,
          state: 'rejected',
          rejection: { code: result.code, message: result.message, details: result.details, at },
        });
        break;
    }
  }
  if (done.length === 0 && refused.length === 0) return 0;

  await db.transaction('rw', [db.outbox, db.submissions, ...mergedTables(db)], async () => {
    await db.outbox.bulkDelete(done.map((entry) => entry.seq));
    await db.outbox.bulkPut(refused);
    await refreshMergedRows(
      db,
      [...done, ...refused],
      done.map((entry) => ({ entry, lost: lost.get(entry) ?? [] })),
    );
    const submissionIds = (entries: OutboxEntry[]) =>
      entries.filter((entry) => entry.table === 'submissions').map((entry) => entry.id);
    await db.submissions.where('id').anyOf(submissionIds(done)).modify({ syncState: 'synced' });
    await db.submissions.where('id').anyOf(submissionIds(refused)).modify({ syncState: 'rejected' });
  });
  return done.length + refused.length;
}
