import type { Mutation } from '../../core/sync/protocol';
import type { OutboxEntry } from '../db/schema';

/**
 * At most 500 mutations (the server's MAX_PUSH_MUTATIONS) or 512 KB of JSON per request: some 35 KB once
 * gzipped, a few seconds on 2G, and few enough requests that their headers (about 1 KB each way) and
 * gzip's fresh start per body cost little (100 per request cost 15% more bytes: tests/bench/wire.ts). A
 * proxy that refuses the size gets halved batches (push.ts).
 */
export const MAX_BATCH_MUTATIONS = 500;
export const MAX_BATCH_BYTES = 512 * 1024;

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
