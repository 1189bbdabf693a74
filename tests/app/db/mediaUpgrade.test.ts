import { describe, expect, it } from 'vitest';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import { getMedia, putMedia } from '../../../src/app/repositories/media';
import { oldTerrainDb } from './oldTerrainDb';

describe('database version 2 (media)', () => {
  it('adds the media table and keeps every existing row', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v1 = oldTerrainDb(name, 1);
    await v1.table('drafts').add({ id: 'd1', updatedAt: 'x', formId: 'f', answers: { a: 1 } });
    v1.close();

    const db = new TerrainDb('u', name);
    expect(await db.drafts.get('d1')).toMatchObject({ answers: { a: 1 } });
    const ref = { sha256: 'a'.repeat(64), name: 'photo.jpg', type: 'image/jpeg', size: 3 };
    await putMedia(db, ref, new Blob(['abc'], { type: 'image/jpeg' }));
    await putMedia(db, { ...ref, name: 'again.jpg' }, new Blob(['abc'], { type: 'image/jpeg' }));
    expect(await getMedia(db, ref.sha256)).toMatchObject({ name: 'photo.jpg', size: 3 });
    expect(db.verno).toBeGreaterThanOrEqual(2);
    await db.delete();
  });
});
