import { Dexie } from 'dexie';
import { HlcClock } from '../../core/hlc';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';
import { getSyncMeta } from './syncMeta';

export interface NewMutation {
  table: string;
  id: string;
  op: 'put' | 'delete';
  fields: Record<string, unknown>;
  /** Mergeable tables: the clocks of the values the user saw; the new clock sorts after every one of them. */
  base?: Record<string, string>;
}

/**
 * Appends a mutation to the outbox with the next seq and a fresh hybrid logical clock value, and advances
 * both in the meta row. Call it inside a transaction over `outbox` and `meta` that also writes the record
 * itself: the record and its mutation are written together or not at all.
 *
 * `add` (not `put`) makes an occupied seq fail loudly instead of overwriting someone's queued change.
 */
export async function appendMutation(db: TerrainDb, mutation: NewMutation, now: Date): Promise<OutboxEntry> {
  if (!Dexie.currentTransaction) throw new Error('appendMutation must run inside a transaction');
  const meta = await getSyncMeta(db);
  // An edit must beat the values it replaces even when this device's clock runs behind their writers'.
  const seen = Object.values(mutation.base ?? {}).reduce((a, b) => (b > a ? b : a), meta.hlc);
  const clock = new HlcClock(meta.clientId, () => now.getTime(), undefined, seen);
  const entry: OutboxEntry = {
    seq: meta.nextSeq,
    mutationId: crypto.randomUUID(),
    ...mutation,
    hlc: clock.tick(),
    createdAt: now.toISOString(),
    state: 'pending',
  };
  await db.outbox.add(entry);
  await db.meta.update('sync', { nextSeq: entry.seq + 1, hlc: entry.hlc });
  return entry;
}
