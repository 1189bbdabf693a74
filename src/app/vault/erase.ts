import { Dexie } from 'dexie';
import type { TerrainDb } from '../db/TerrainDb';
import { countMediaToUpload } from '../repositories/mediaUploads';
import { getSyncMeta } from '../repositories/syncMeta';
import { countUnsynced } from '../repositories/unsynced';
import { deleteEntry } from './keyring';

/** What this device holds that the server does not: with `fingerprint`, which changes when any of it does. */
export interface UnsentState {
  count: number;
  fingerprint: string;
}

export async function unsentState(db: TerrainDb): Promise<UnsentState> {
  return db.transaction('r', [db.meta, db.outbox, db.drafts, db.media], async () => {
    const [{ pending, rejected, drafts }, media, meta, latest] = await Promise.all([
      countUnsynced(db),
      countMediaToUpload(db),
      getSyncMeta(db),
      db.drafts.orderBy('updatedAt').lastKey() as Promise<string | undefined>,
    ]);
    return {
      count: pending + rejected + drafts + media,
      fingerprint: JSON.stringify([meta.nextSeq, pending, rejected, drafts, latest ?? null, media]),
    };
  });
}

/**
 * Crypto-shredding: the user's wrapped keys are deleted first, which alone makes every sealed row unreadable
 * for good, then the database itself, to free the room. The database must be closed by the caller first
 * (other tabs close theirs when asked: Dexie closes on `versionchange`).
 */
export async function shredUser(userId: string, dbName = `terrain-${userId}`): Promise<void> {
  await deleteEntry(userId);
  await Dexie.delete(dbName);
}

/**
 * "Remove my data from this device": refused (false) while the device holds data the server does not,
 * unless `exported` is the fingerprint of that very data when it was exported to a file (ExportUnsynced).
 */
export async function removeMyData(db: TerrainDb, exported: string | null): Promise<boolean> {
  const state = await unsentState(db);
  if (state.count > 0 && state.fingerprint !== exported) return false;
  db.close();
  await shredUser(db.userId, db.name);
  return true;
}
