import {
  RejectCode,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../../core/sync/protocol';
import { HttpError } from '../http/errors';
import type { Storage, StorageTx, UserRecord } from '../storage/Storage';
import { applyMutation } from './applyMutation';

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
  return storage.transaction(async (tx) => {
    const client = await tx.lockClient(request.clientId, user.id);
    if (client.userId !== user.id) throw new HttpError('forbidden', 'This clientId belongs to another user');

    const first = request.mutations[0]?.seq ?? client.lastSeq + 1;
    if (first > client.lastSeq + 1) {
      const expectedSeq = client.lastSeq + 1;
      throw new HttpError('seq_gap', `Mutations are missing: resend from seq ${expectedSeq}`, {
        expectedSeq,
      });
    }

    let lastSeq = client.lastSeq;
    const results: MutationResult[] = [];
    for (const m of request.mutations) {
      if (m.seq <= lastSeq) {
        results.push(await replayResult(tx, request.clientId, m));
        continue;
      }
      const result = await applyMutation(tx, user, m, now);
      if (result.status === 'rejected') {
        // Kept with its full payload: the queue moves on, but what the agent entered is never lost.
        await tx.insertRejected({
          mutationId: m.mutationId,
          clientId: request.clientId,
          userId: user.id,
          seq: m.seq,
          payload: m,
          code: result.code,
          message: result.message,
          details: result.details,
          createdAt: now.toISOString(),
        });
      }
      results.push(result);
      lastSeq = m.seq;
    }
    if (lastSeq !== client.lastSeq) await tx.setClientLastSeq(request.clientId, lastSeq);
    return { lastSeq, results };
  });
}

/**
 * The answer to a seq processed before. A rejected one is answered `rejected` again: had the first response
 * been lost, `duplicate` would tell the device its change was accepted, and it would leave the user's
 * "needs attention" list unseen.
 */
async function replayResult(tx: StorageTx, clientId: string, m: Mutation): Promise<MutationResult> {
  const rejected = await tx.getRejected(m.mutationId);
  if (!rejected || rejected.clientId !== clientId)
    return { mutationId: m.mutationId, seq: m.seq, status: 'duplicate' };
  return {
    mutationId: m.mutationId,
    seq: m.seq,
    status: 'rejected',
    code: RejectCode.catch('validation').parse(rejected.code),
    message: rejected.message,
    ...(rejected.details === undefined ? {} : { details: rejected.details }),
  };
}
