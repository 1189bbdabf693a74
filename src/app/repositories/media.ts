import type { MediaRef } from '../../core/forms/answersSchema';
import type { TerrainDb } from '../db/TerrainDb';
import type { MediaRecord } from '../db/schema';

/** Stores a file answer's bytes under their SHA-256 (once: the same bytes keep their first record). */
export async function putMedia(db: TerrainDb, ref: MediaRef, blob: Blob): Promise<void> {
  await db.transaction('rw', db.media, async () => {
    if (await db.media.get(ref.sha256)) return;
    const record: MediaRecord = { ...ref, blob, createdAt: new Date().toISOString() };
    await db.media.add(record);
  });
}

export async function getMedia(db: TerrainDb, sha256: string): Promise<MediaRecord | undefined> {
  return db.media.get(sha256);
}

/**
 * `putMedia`, and when the device is full, makes room once by dropping files the server already holds, then
 * tries again. If that is not enough the quota error goes up: the caller warns, and nothing saved is lost.
 */
export async function putMediaMakingRoom(db: TerrainDb, ref: MediaRef, blob: Blob): Promise<void> {
  try {
    await putMedia(db, ref, blob);
  } catch (error) {
    if (!isQuotaError(error) || (await dropUploadedMedia(db)) === 0) throw error;
    await putMedia(db, ref, blob);
  }
}

/**
 * Frees room by dropping the bytes of files the server already holds (a reviewer's downloads, an agent's
 * uploaded photos): they can be downloaded again. Returns how many were dropped.
 */
async function dropUploadedMedia(db: TerrainDb): Promise<number> {
  return db.media.where('uploadState').equals('uploaded').delete();
}

/** Whether IndexedDB refused a write because the device (or the browser's share of it) is full. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if (e.name === 'QuotaExceededError' || /quota/i.test(e.message)) return true;
    // Dexie wraps the browser's error (an aborted transaction) in `inner`; others use `cause`.
    e = (e as { inner?: unknown }).inner ?? e.cause;
  }
  return false;
}
