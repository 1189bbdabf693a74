import { Dexie } from 'dexie';
import { TerrainDb } from '../db/TerrainDb';
import { sealingMiddleware } from './middleware';
import type { ServerSealer } from './serverSeal';

/**
 * The user's database, opened with the sealing middleware in place (so also its version 9 upgrade, which
 * seals the rows an older app stored in clear). The only way the app opens it. With a `sealer`, pending
 * changes are also sealed to the server as they are written (./serverSeal.ts).
 */
export async function openSealedDb(
  userId: string,
  key: CryptoKey,
  name?: string,
  sealer?: ServerSealer,
): Promise<TerrainDb> {
  const db = new TerrainDb(userId, name);
  db.use(sealingMiddleware(key, sealer));
  await db.open();
  return db;
}

/**
 * A sealed database (version 9 or later) left without its key: the keyring entry was removed but deleting
 * the database did not finish (another tab held it open). Nobody can read it any more; it is deleted before
 * a new key is made for the user, so the new key never meets rows it cannot open. A database of before
 * version 9 is in clear and kept: opening it seals it.
 */
export async function deleteOrphanDb(userId: string, name = `terrain-${userId}`): Promise<void> {
  const known = await indexedDB.databases?.().catch(() => undefined);
  const found = known?.find((d) => d.name === name);
  // Dexie stores version n as IndexedDB version n × 10.
  if (found?.version !== undefined && found.version >= 90) await Dexie.delete(name);
}
