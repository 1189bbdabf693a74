import { SeqGapDetails } from '../../core/sync/errors';
import { PROTOCOL_VERSION } from '../../core/sync/protocol';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { TerrainDb } from '../db/TerrainDb';
import { markMediaOfFields } from '../repositories/mediaUploads';
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
  /** Told when a 413 made batches smaller, so later syncs start at the size that got through. */
  onSmallerBatches?: (maxMutations: number) => void;
}

/**
 * Sends the pending outbox in seq order, batch after batch, until it is empty. Errors propagate to the
 * engine, which classifies them; entries stay pending until a result for them has been stored, so a lost
 * response only means the next push is answered `duplicate`.
 */
export async function pushOutbox(db: TerrainDb, api: ApiClient, options: PushOptions): Promise<void> {
  let maxCount = options.maxBatchMutations ?? MAX_BATCH_MUTATIONS;
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
    // Before the records leave: their files must follow them, even if this tab closes right after.
    await markMediaOfFields(
      db,
      batch.entries.filter((e) => e.table === 'submissions').map((e) => e.fields),
    );
    let response;
    try {
      // Protocol 3 on: the batch names the client, and the server names each mutation by its seq, so neither
      // the clientId nor the random (incompressible) mutationId goes with every mutation.
      const mutations = batch.mutations.map(({ mutationId: _id, clientId: _client, ...m }) => m);
      response = await api.push({ protocol: PROTOCOL_VERSION, clientId, mutations });
    } catch (error) {
      const expectedSeq = seqGapExpected(error);
      // Only a server BEHIND us is recoverable (see renumberOutboxFrom), and only once per sync: a second
      // gap means something else is wrong, and looping would hide it.
      if (expectedSeq !== null && expectedSeq < first.seq && !recoveredGap) {
        recoveredGap = true;
        await renumberOutboxFrom(db, expectedSeq);
        continue;
      }
      // The server, or a proxy with a smaller limit, refused the body: halve the batch and go on. A lone
      // mutation refused stays pending and the error is shown: it cannot get through this path.
      if (isTooLarge(error) && batch.entries.length > 1) {
        maxCount = Math.floor(batch.entries.length / 2);
        options.onSmallerBatches?.(maxCount);
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

function isTooLarge(error: unknown): boolean {
  return error instanceof ApiError && error.status === 413;
}

function seqGapExpected(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'seq_gap') return null;
  const details = SeqGapDetails.safeParse(error.details);
  return details.success ? details.data.expectedSeq : null;
}
