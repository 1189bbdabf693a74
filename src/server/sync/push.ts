import { z } from 'zod/mini';
import {
  RejectCode,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../../core/sync/protocol';
import { HttpError } from '../http/errors';
import type { RejectedMutationRecord, Storage, StorageTx, UserRecord } from '../storage/Storage';
import { applyMutation } from './applyMutation';
import { PushBatch, type Importer } from './pushBatch';

/**
 * Applies a batch in one transaction with the client's lastSeq, so a crash can never leave effects without
 * the seq that records them (or the reverse): a replayed seq is then always recognised as a duplicate.
 */
export function push(
  storage: Storage,
  user: UserRecord,
  request: PushRequest,
  now: Date,
): Promise<PushResponse> {
  return storage.transaction((tx) => pushInTx(storage, tx, user, request, now));
}

/**
 * `push` inside a transaction the caller owns: an import applies a whole file of batches in one. With
 * `importedBy`, the changes are still `user`'s (attribution, rights, rejections), and the audit log names
 * the person who imported them.
 */
export async function pushInTx(
  storage: Storage,
  tx: StorageTx,
  user: UserRecord,
  request: PushRequest,
  now: Date,
  importedBy?: Importer | null,
): Promise<PushResponse> {
  const client = await tx.lockClient(request.clientId, user.id);
  if (client.userId !== user.id) throw new HttpError('forbidden', 'This clientId belongs to another user');

  const first = request.mutations[0]?.seq ?? client.lastSeq + 1;
  if (first > client.lastSeq + 1) {
    const expectedSeq = client.lastSeq + 1;
    throw new HttpError('seq_gap', `Mutations are missing: resend from seq ${expectedSeq}`, {
      expectedSeq,
    });
  }

  // Seqs in a batch are consecutive (the protocol checks it), so the replayed ones come first.
  const replayed = request.mutations.filter((m) => m.seq <= client.lastSeq);
  const fresh = request.mutations.filter((m) => m.seq > client.lastSeq);
  const rejectedBefore = new Map<string, RejectedMutationRecord>();
  if (replayed.length) {
    for (const r of await tx.getRejectedMany(replayed.map((m) => m.mutationId)))
      rejectedBefore.set(r.mutationId, r);
  }

  const batch = new PushBatch(tx, user, now, storage, importedBy);
  await batch.prefetch(fresh);
  const results: MutationResult[] = replayed.map((m) =>
    replayResult(request.clientId, m, rejectedBefore.get(m.mutationId)),
  );
  // One at a time, in seq order: a later mutation must see what an earlier one of the batch queued.
  for (const m of fresh) {
    const result = await applyMutation(batch, m);
    if (result.status === 'rejected') batch.queueRejected(request.clientId, m, result);
    results.push(result);
  }

  const lastSeq = fresh.at(-1)?.seq ?? client.lastSeq;
  if (lastSeq !== client.lastSeq) await tx.setClientLastSeq(request.clientId, lastSeq);
  await batch.flush();
  return { lastSeq, results };
}

/**
 * The answer to a seq processed before. A rejected one is answered `rejected` again: had the first response
 * been lost, `duplicate` would tell the device its change was accepted, and it would leave the user's
 * "needs attention" list unseen.
 */
function replayResult(
  clientId: string,
  m: Mutation,
  rejected: RejectedMutationRecord | undefined,
): MutationResult {
  if (!rejected || rejected.clientId !== clientId)
    return { mutationId: m.mutationId, seq: m.seq, status: 'duplicate' };
  return {
    mutationId: m.mutationId,
    seq: m.seq,
    status: 'rejected',
    code: z.catch(RejectCode, 'validation').parse(rejected.code),
    message: rejected.message,
    ...(rejected.details === undefined ? {} : { details: rejected.details }),
  };
}
