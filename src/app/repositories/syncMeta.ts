import type { TerrainDb } from '../db/TerrainDb';
import type { SyncMeta } from '../db/schema';

export async function getSyncMeta(db: TerrainDb): Promise<SyncMeta> {
  const meta = await db.meta.get('sync');
  // `populate` creates the row with the database, so its absence means the database was tampered with.
  if (!meta) throw new Error('Sync metadata is missing from the local database');
  return meta;
}

export async function updateSyncMeta(db: TerrainDb, changes: Partial<Omit<SyncMeta, 'key'>>): Promise<void> {
  await db.meta.update('sync', changes);
}
