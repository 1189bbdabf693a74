import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { verifyMany } from '../../../src/app/repositories/verifyMany';
import { openTestDb } from '../fixtures';
import { submissionAt } from './coordinationFixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
  await db.submissions.bulkPut([
    submissionAt('s-1', '2024-05-01T08:00:00.000Z'),
    submissionAt('s-2', '2024-05-02T08:00:00.000Z'),
    submissionAt('s-3', '2024-05-03T08:00:00.000Z'),
  ]);
});
afterEach(async () => {
  await db.delete();
});

const counts = async () => ({
  reviews: await db.reviews.count(),
  outbox: await db.outbox.count(),
  events: await db.reviewEvents.count(),
});

describe('verifyMany', () => {
  it('verifies every selected submission: one review and its history event each, both queued for the server', async () => {
    const selected = ['s-1', 's-2', 's-3'].map((id) => ({ id, projectId: 'p-gao' }));
    expect(await verifyMany(db, selected, 'focal_point')).toEqual({ verified: 3, skipped: 0 });
    expect(await counts()).toEqual({ reviews: 3, outbox: 6, events: 3 });
    expect((await db.reviews.toArray()).map((r) => r.status)).toEqual(['verified', 'verified', 'verified']);
    // Already verified: skipped, nothing written again.
    expect(await verifyMany(db, selected, 'focal_point')).toEqual({ verified: 0, skipped: 3 });
    expect(await counts()).toEqual({ reviews: 3, outbox: 6, events: 3 });
  });

  it('is all or nothing: when one write fails, none of the selection is verified', async () => {
    // The second one's write is refused (no project: the sync's write schema rejects it).
    const selected = [
      { id: 's-1', projectId: 'p-gao' },
      { id: 's-2', projectId: '' },
      { id: 's-3', projectId: 'p-gao' },
    ];
    await expect(verifyMany(db, selected, 'focal_point')).rejects.toThrow();
    expect(await counts()).toEqual({ reviews: 0, outbox: 0, events: 0 });
    // The outbox's seq did not move either: the next change takes the first seq.
    expect((await db.meta.get('sync'))?.nextSeq ?? 1).toBe(1);
  });
});
