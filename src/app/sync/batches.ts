import type { Mutation } from '../../core/sync/protocol';
import type { OutboxEntry } from '../db/schema';

/** About 100 mutations or 64 KB of JSON per request: small enough to get through a flaky 2G link. */
export const MAX_BATCH_MUTATIONS = 100;
export const MAX_BATCH_BYTES = 64 * 1024;

export function toMutation(entry: OutboxEntry, clientId: string): Mutation {
  return {
    mutationId: entry.mutationId,
    clientId,
    seq: entry.seq,
    hlc: entry.hlc,
    table: entry.table,
    id: entry.id,
    op: entry.op,
    fields: entry.fields,
    ...(entry.base ? { base: entry.base } : {}),
  };
}

const encoder = new TextEncoder();

/**
 * The longest prefix of `entries` (pending, in seq order) that fits one request: at most `maxCount`
 * mutations and `maxBytes` of JSON, with consecutive seqs as the protocol requires. A single mutation larger
 * than `maxBytes` still goes, alone, or it would block the queue forever.
 */
export function takeBatch(
  entries: OutboxEntry[],
  clientId: string,
  maxCount = MAX_BATCH_MUTATIONS,
  maxBytes = MAX_BATCH_BYTES,
): { entries: OutboxEntry[]; mutations: Mutation[] } {
  const batch: OutboxEntry[] = [];
  const mutations: Mutation[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (batch.length >= maxCount) break;
    const previous = batch[batch.length - 1];
    if (previous && entry.seq !== previous.seq + 1) break;
    const mutation = toMutation(entry, clientId);
    // +1 for the comma between array items.
    const size = encoder.encode(JSON.stringify(mutation)).byteLength + 1;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(entry);
    mutations.push(mutation);
    bytes += size;
  }
  return { entries: batch, mutations };
}
