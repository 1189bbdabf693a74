import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import { getMedia, isQuotaError, putMedia, putMediaMakingRoom } from '../../../src/app/repositories/media';
import { markMediaUploaded } from '../../../src/app/repositories/mediaUploads';

const ref = (c: string) => ({ sha256: c.repeat(64), name: `${c}.jpg`, type: 'image/jpeg', size: 3 });
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storing a photo on a full device', () => {
  let db: TerrainDb;
  /** How many more media writes the "device" refuses as full. */
  let refusals = 0;
  beforeEach(() => {
    db = new TerrainDb('u', `quota-${crypto.randomUUID()}`);
    refusals = 0;
    // The browser's refusal, injected where IndexedDB would raise it: on the write itself.
    db.media.hook('creating', () => {
      if (refusals > 0) {
        refusals -= 1;
        throw quotaError();
      }
    });
  });
  afterEach(async () => {
    await db.delete();
  });

  it('recognises the quota error, also wrapped by Dexie in an aborted transaction', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quotaError()))).toBe(true);
    expect(isQuotaError(new Error('Failed to fetch'))).toBe(false);
    expect(isQuotaError('quota')).toBe(false);
  });

  it('makes room by dropping files the server already holds, and keeps the others', async () => {
    await putMedia(db, ref('a'), new Blob(['abc']));
    await markMediaUploaded(db, ref('a').sha256);
    await putMedia(db, ref('b'), new Blob(['abc']));
    refusals = 1;
    await putMediaMakingRoom(db, ref('c'), new Blob(['abc']));
    expect(await getMedia(db, ref('c').sha256)).toMatchObject({ name: 'c.jpg' });
    expect(await getMedia(db, ref('a').sha256)).toBeUndefined();
    // Not yet on the server: never dropped.
    expect(await getMedia(db, ref('b').sha256)).toMatchObject({ name: 'b.jpg' });
  });

  it('lets the quota error through when nothing can be dropped, keeping what was stored', async () => {
    await putMedia(db, ref('b'), new Blob(['abc']));
    refusals = 2;
    await expect(putMediaMakingRoom(db, ref('c'), new Blob(['abc']))).rejects.toSatisfy(isQuotaError);
    expect(await getMedia(db, ref('c').sha256)).toBeUndefined();
    expect(await getMedia(db, ref('b').sha256)).toMatchObject({ name: 'b.jpg' });
  });
});
