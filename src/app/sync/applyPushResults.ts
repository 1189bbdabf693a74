import type { PushResponse } from '../../core/sync/protocol';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';

/**
 * Applies the server's per-mutation results of one batch in ONE transaction:
 * - applied / duplicate: the server has it; the entry leaves the outbox and the record is `synced`.
 * - rejected / conflict: the entry STAYS, marked `rejected` with the server's reason, and the record shows
 *   `rejected`: the user fixes and resends it or discards it on purpose; it is never dropped silently.
 * Returns how many entries of the batch got a result.
 */
export async function applyPushResults(
  db: TerrainDb,
  batch: OutboxEntry[],
  response: PushResponse,
  at: string,
): Promise<number> {
  const byMutationId = new Map(batch.map((entry) => [entry.mutationId, entry]));
  const done: OutboxEntry[] = [];
  const refused: OutboxEntry[] = [];
  for (const result of response.results) {
    const entry = byMutationId.get(result.mutationId);
    if (!entry || entry.seq !== result.seq) continue;
    byMutationId.delete(result.mutationId);
    switch (result.status) {
      case 'applied':
      case 'duplicate':
        done.push(entry);
        break;
      case 'conflict':
        refused.push({
          ...entry,
          state: 'rejected',
          rejection: { code: 'conflict', message: result.message, at },
        });
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

  await db.transaction('rw', [db.outbox, db.submissions], async () => {
    await db.outbox.bulkDelete(done.map((entry) => entry.seq));
    await db.outbox.bulkPut(refused);
    const submissionIds = (entries: OutboxEntry[]) =>
      entries.filter((entry) => entry.table === 'submissions').map((entry) => entry.id);
    await db.submissions.where('id').anyOf(submissionIds(done)).modify({ syncState: 'synced' });
    await db.submissions.where('id').anyOf(submissionIds(refused)).modify({ syncState: 'rejected' });
  });
  return done.length + refused.length;
}
