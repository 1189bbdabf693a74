import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';

/**
 * Recovery from a server that lost data (restored from a backup): it expects `expectedSeq`, below our first
 * pending seq, so every mutation it had from `expectedSeq` on is gone. We renumber, in one transaction,
 * every outbox entry from `expectedSeq` on to `expectedSeq, expectedSeq+1, …` in their original order, as
 * pending: the still-pending ones and also the rejected ones (the server's stored copy of those rejections was
 * lost too; replaying them restores it and they come back rejected if still invalid). Their mutationIds are
 * kept: to the restored server they are new.
 *
 * Limit: mutations the server had applied after its backup and that already left our outbox cannot be
 * replayed from here; their submissions remain on the device (origin `local`) for the export path.
 */
export async function renumberOutboxFrom(db: TerrainDb, expectedSeq: number): Promise<number> {
  return db.transaction('rw', [db.outbox, db.submissions, db.meta], async () => {
    const entries = await db.outbox.where('seq').aboveOrEqual(expectedSeq).toArray();
    const renumbered: OutboxEntry[] = entries.map((entry, i) => {
      const { rejection: _rejection, ...rest } = entry;
      return { ...rest, seq: expectedSeq + i, state: 'pending' };
    });
    await db.outbox.bulkDelete(entries.map((entry) => entry.seq));
    await db.outbox.bulkAdd(renumbered);
    const wasRejected = entries
      .filter((e) => e.state === 'rejected' && e.table === 'submissions')
      .map((e) => e.id);
    await db.submissions.where('id').anyOf(wasRejected).modify({ syncState: 'pending' });
    // The server lost the seqs sent sealed from `expectedSeq` on too: they may be sent sealed again.
    const { sealedSentSeq } = (await db.meta.get('sync')) ?? {};
    await db.meta.update('sync', {
      nextSeq: expectedSeq + renumbered.length,
      ...(sealedSentSeq !== undefined && sealedSentSeq >= expectedSeq
        ? { sealedSentSeq: expectedSeq - 1 }
        : {}),
    });
    return renumbered.length;
  });
}
