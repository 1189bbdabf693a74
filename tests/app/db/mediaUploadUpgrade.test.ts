import { describe, expect, it } from 'vitest';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import { getMedia } from '../../../src/app/repositories/media';
import { checkOldMedia, listMediaToUpload } from '../../../src/app/repositories/mediaUploads';
import { oldTerrainDb } from './oldTerrainDb';

const ref = (c: string) => ({ sha256: c.repeat(64), name: `${c}.jpg`, type: 'image/jpeg', size: 3 });

describe('database version 3 (media uploads) and the first sync after it', () => {
  it('marks for upload the stored files of this device’s own submissions, and only those', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v2 = oldTerrainDb(name, 2);
    const submission = (id: string, origin: string, data: Record<string, unknown>, extra = {}) => ({
      id,
      origin,
      data,
      syncState: 'synced',
      finalizedAt: '2026-11-24T08:00:00.000Z',
      formId: 'f',
      ...extra,
    });
    await v2.table('submissions').bulkAdd([
      // Sent before media could follow: its photo (in a repeat) must go now.
      submission('mine', 'local', { visits: [{ photo: ref('a') }] }),
      // Someone else's (pulled): not ours to send. Discarded on purpose: not sent either.
      submission('theirs', 'remote', { photo: ref('b') }),
      submission('dropped', 'local', { photo: ref('c') }, { discardedAt: '2026-11-24T09:00:00.000Z' }),
    ]);
    for (const c of ['a', 'b', 'c', 'd']) {
      await v2
        .table('media')
        .add({ ...ref(c), blob: new Blob(['abc']), createdAt: `2026-11-2${c === 'a' ? 1 : 2}` });
    }
    v2.close();

    const db = new TerrainDb('u', name);
    expect(await db.media.where('uploadState').equals('unchecked').count()).toBe(4);
    // Sorted out by the sync code, on its first run.
    await checkOldMedia(db);
    expect((await listMediaToUpload(db)).map((m) => m.name)).toEqual(['a.jpg']);
    // Only named by a draft (d), or by others: left alone, bytes kept.
    for (const c of ['b', 'c', 'd']) expect((await getMedia(db, ref(c).sha256))?.uploadState).toBeUndefined();
    expect(await db.submissions.count()).toBe(3);
    await db.delete();
  });
});
