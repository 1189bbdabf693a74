import type { MediaRef } from '../../core/forms/answersSchema';
import { mediaRefsOf } from '../../core/forms/mediaRefs';
import type { MediaRecord } from '../db/schema';
import type { TerrainDb } from '../db/TerrainDb';

/**
 * The media bookkeeping of sync (loaded with the sync code, not with the form): which stored files must
 * reach the server, and the files fetched from it.
 */

/** Marks the files that these outgoing submission fields name: they must follow their records. */
export async function markMediaOfFields(
  db: TerrainDb,
  fields: readonly Record<string, unknown>[],
): Promise<void> {
  const named = new Set(fields.flatMap((f) => mediaRefsOf(f.data).map((ref) => ref.sha256)));
  if (named.size === 0) return;
  await db.transaction('rw', db.media, async () => {
    const rows = await db.media.bulkGet([...named]);
    const marked = rows
      .filter((row): row is MediaRecord => row?.uploadState === undefined || row.uploadState === 'unchecked')
      .map((row): MediaRecord => ({ ...row, uploadState: 'pending' }));
    if (marked.length) await db.media.bulkPut(marked);
  });
}

/**
 * Sorts out the files stored before uploads existed (`unchecked`, see TerrainDb version 3): those that this
 * device's own submissions name must be sent; the others (drafts only) stay on the device, unmarked.
 */
export async function checkOldMedia(db: TerrainDb): Promise<void> {
  if ((await db.media.where('uploadState').equals('unchecked').count()) === 0) return;
  const named = new Set<string>();
  await db.submissions.each((s) => {
    if (s.origin !== 'local' || s.discardedAt) return;
    for (const ref of mediaRefsOf(s.data)) named.add(ref.sha256);
  });
  // One write pass, over the rows still `unchecked`: a submission finalized since the scan is marked when it
  // is pushed, so nothing is missed.
  await db.media
    .where('uploadState')
    .equals('unchecked')
    .modify((row) => {
      if (named.has(row.sha256)) row.uploadState = 'pending';
      else delete row.uploadState;
    });
}

/** How many files wait for upload (shown beside the records that wait, so nobody leaves too early). */
export function countMediaToUpload(db: TerrainDb): Promise<number> {
  return db.media.where('uploadState').equals('pending').count();
}

/** The files waiting for upload, oldest first. */
export async function listMediaToUpload(db: TerrainDb): Promise<MediaRecord[]> {
  const rows = await db.media.where('uploadState').equals('pending').toArray();
  return rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

export async function markMediaUploaded(db: TerrainDb, sha256: string): Promise<void> {
  await db.media.update(sha256, { uploadState: 'uploaded', uploadError: undefined });
}

/** The server will never take this file; the bytes stay on the device. */
export async function markMediaRefused(db: TerrainDb, sha256: string, reason: string): Promise<void> {
  await db.media.update(sha256, { uploadState: 'refused', uploadError: reason });
}

/** Keeps a file downloaded from the server, so it can be seen again offline. */
export async function storeDownloadedMedia(db: TerrainDb, ref: MediaRef, blob: Blob): Promise<void> {
  await db.transaction('rw', db.media, async () => {
    if (await db.media.get(ref.sha256)) return;
    const record: MediaRecord = {
      ...ref,
      blob,
      createdAt: new Date().toISOString(),
      uploadState: 'uploaded',
    };
    await db.media.add(record);
  });
}
