import { createHash } from 'node:crypto';
import { z } from 'zod/mini';
import {
  RejectCode,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
  type WireMutation,
} from '../../core/sync/protocol';
import { DeviceRefusal } from '../devices/refusal';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../core/sync/jsonDepth';
import { HttpError } from '../http/errors';
import type { RejectedMutationRecord, Storage, StorageTx, UserRecord } from '../storage/Storage';
import { applyMutation } from './applyMutation';
import { PushBatch, type PushContext } from './pushBatch';
import { reject } from './reject';

/**
 * Applies a batch in one transaction with the client's lastSeq, so a crash can never leave effects without
 * the seq that records them (or the reverse): a replayed seq is then always recognised as a duplicate.
 */
export function push(
  storage: Storage,
  user: UserRecord,
  request: PushRequest,
  now: Date,
  context: PushContext = {},
): Promise<PushResponse> {
  return storage.transaction(async (tx) => {
    const response = await pushInTx(storage, tx, user, request, now, context);
    // For the operator's list of devices (`users devices`); an import is not the device pushing.
    await tx.devices.touchPush(request.clientId, now.toISOString());
    return response;
  });
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
  context: PushContext = {},
): Promise<PushResponse> {
  const client = await tx.lockClient(request.clientId, user.id);
  // A device belongs to the account that first used it, until an operator revokes it. The refusal rolls
  // this transaction back; the caller audits it (src/server/devices/refusal.ts).
  if (client.userId !== user.id || client.revokedAt) {
    const reason = client.userId !== user.id ? 'owner' : 'revoked';
    const via = context.importedBy ? 'import' : 'push';
    throw new DeviceRefusal({
      clientId: request.clientId,
      reason,
      owner: client.userId,
      tried: user.id,
      via,
    });
  }

  const first = request.mutations[0]?.seq ?? client.lastSeq + 1;
  if (first > client.lastSeq + 1) {
    const expectedSeq = client.lastSeq + 1;
    throw new HttpError('seq_gap', `Mutations are missing: resend from seq ${expectedSeq}`, {
      expectedSeq,
    });
  }

  const mutations = request.mutations.map((m) => named(request.clientId, m));
  // Seqs in a batch are consecutive (the protocol checks it), so the replayed ones come first.
  const replayed = mutations.filter((m) => m.seq <= client.lastSeq);
  const fresh = mutations.filter((m) => m.seq > client.lastSeq);
  const results: MutationResult[] = await replayResults(tx, request, replayed);

  const batch = new PushBatch(tx, user, now, storage, context);
  // Refused before anything reads them: every recursive walk (zod, the merge, JSON.stringify) would
  // overflow the stack on a value nested thousands deep, and fail the whole batch.
  const tooDeep = new Set(fresh.filter((m) => nestsDeeperThan(m.fields)).map((m) => m.seq));
  await batch.prefetch(fresh.filter((m) => !tooDeep.has(m.seq)));
  // One at a time, in seq order: a later mutation must see what an earlier one of the batch queued.
  for (const m of fresh) {
    const result = tooDeep.has(m.seq) ? rejectTooDeep(m) : await applyMutation(batch, m);
    if (result.status === 'rejected') batch.queueRejected(request.clientId, m, result);
    else if (result.status !== 'duplicate') batch.noteReference(m);
    results.push(result);
  }

  const lastSeq = fresh.at(-1)?.seq ?? client.lastSeq;
  if (lastSeq !== client.lastSeq) await tx.setClientLastSeq(request.clientId, lastSeq);
  await batch.flush();
  return { lastSeq, results };
}

function rejectTooDeep(m: Mutation): MutationResult {
  return reject(
    m,
    'validation',
    `The change's fields nest deeper than ${MAX_JSON_DEPTH} levels of objects and arrays, which no form ` +
      'or record needs: it cannot be stored',
  );
}

/**
 * A protocol 3 mutation gets its clientId from the batch and, as its mutationId, a UUID made of
 * (clientId, seq): the same on every replay, and unique because each seq of a client is applied once.
 */
function named(clientId: string, m: WireMutation): Mutation {
  return { ...m, clientId, mutationId: m.mutationId ?? seqMutationId(clientId, m.seq) };
}

/** A name-based UUID (version 5 layout, RFC 9562) of a client's seq. */
export function seqMutationId(clientId: string, seq: number): string {
  const hex = createHash('sha1').update(`terrain-mutation\u0000${clientId}\u0000${seq}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The answers to seqs processed before. Protocol 3 mutations carry no id: their rejections are found by
 * seq, which also finds one stored when the seq was first sent by the app's previous version (protocol 2,
 * with a random mutationId). Older protocols keep looking them up by mutationId.
 */
async function replayResults(
  tx: StorageTx,
  request: PushRequest,
  replayed: readonly Mutation[],
): Promise<MutationResult[]> {
  if (replayed.length === 0) return [];
  const bySeq = request.protocol >= 3;
  const key = (r: { mutationId: string; seq: number }) => (bySeq ? String(r.seq) : r.mutationId);
  const found = bySeq
    ? await tx.getRejectedBySeqs(
        request.clientId,
        replayed.map((m) => m.seq),
      )
    : await tx.getRejectedMany(replayed.map((m) => m.mutationId));
  const rejectedBefore = new Map(found.map((r) => [key(r), r]));
  return replayed.map((m) => replayResult(request.clientId, m, rejectedBefore.get(key(m))));
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
