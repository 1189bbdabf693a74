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
