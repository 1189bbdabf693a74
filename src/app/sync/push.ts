import { SeqGapDetails } from '../../core/sync/errors';
import { PROTOCOL_VERSION } from '../../core/sync/protocol';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { TerrainDb } from '../db/TerrainDb';
import { countPending, listPending } from '../repositories/outbox';
import { getSyncMeta } from '../repositories/syncMeta';
import { applyPushResults } from './applyPushResults';
import { MAX_BATCH_BYTES, MAX_BATCH_MUTATIONS, takeBatch } from './batches';
import { renumberOutboxFrom } from './renumberOutbox';

export interface PushOptions {
  now: () => number;
  onProgress: (progress: { sent: number; total: number }) => void | Promise<void>;
  maxBatchMutations?: number;
  maxBatchBytes?: number;
}

/**
 * Sends the pending outbox in seq order, batch after batch, until it is empty. Errors propagate to the
 * engine, which classifies them; entries stay pending until a result for them has been stored, so a lost
 * response only means the next push is answered `duplicate`.
 */
export async function pushOutbox(db: TerrainDb, api: ApiClient, options: PushOptions): Promise<void> {
  const maxCount = options.maxBatchMutations ?? MAX_BATCH_MUTATIONS;
  const { clientId } = await getSyncMeta(db);
  const total = await countPending(db);
  let sent = 0;
  let recoveredGap = false;
  await options.onProgress({ sent, total });
  for (;;) {
    const batch = takeBatch(
      await listPending(db, maxCount),
      clientId,
      maxCount,
      options.maxBatchBytes ?? MAX_BATCH_BYTES,
    );
    const first = batch.entries[0];
    if (!first) return;
    let response;
    try {
      response = await api.push({ protocol: PROTOCOL_VERSION, clientId, mutations: batch.mutations });
    } catch (error) {
      const expectedSeq = seqGapExpected(error);
      // Only a server BEHIND us is recoverable (see renumberOutboxFrom), and only once per sync: a second
      // gap means something else is wrong, and looping would hide it.
      if (expectedSeq !== null && expectedSeq < first.seq && !recoveredGap) {
        recoveredGap = true;
        await renumberOutboxFrom(db, expectedSeq);
        continue;
      }
      throw error;
    }
    const handled = await applyPushResults(
      db,
      batch.entries,
      response,
      new Date(options.now()).toISOString(),
    );
    if (handled === 0) {
      // Nothing acknowledged: sending the same batch again would loop forever.
      throw new ApiError(200, 'invalid_response', 'The server answered the push without a result for it');
    }
    sent += handled;
    await options.onProgress({ sent, total: Math.max(total, sent) });
  }
}

function seqGapExpected(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'seq_gap') return null;
  const details = SeqGapDetails.safeParse(error.details);
  return details.success ? details.data.expectedSeq : null;
}
