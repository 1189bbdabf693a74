import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';

export async function countPending(db: TerrainDb): Promise<number> {
  return db.outbox.where('state').equals('pending').count();
}

export async function countRejected(db: TerrainDb): Promise<number> {
  return db.outbox.where('state').equals('rejected').count();
}

/** The oldest pending entries in seq order (entries with equal index values come in primary-key order). */
export async function listPending(db: TerrainDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.where('state').equals('pending').limit(limit).toArray();
}

/** The "needs attention" list: mutations the server refused, oldest first. */
export async function listRejected(db: TerrainDb): Promise<OutboxEntry[]> {
  return db.outbox.where('state').equals('rejected').toArray();
}
