import { describe, expect, it } from 'vitest';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import { listReviewQueue } from '../../../src/app/repositories/reviewQueue';
import { oldTerrainDb } from './oldTerrainDb';

describe('database version 7 (review history, submissions by project)', () => {
  it('keeps every row, adds the events table and finds stored submissions by project', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v6 = oldTerrainDb(name, 6);
    const submission = (id: string, projectId: string) => ({
      id,
      projectId,
      formId: 'f',
      formVersion: '1',
      data: {},
      finalizedAt: '2026-11-30T10:00:00.000Z',
      createdBy: 'agent-1',
      replaces: null,
      syncState: 'synced',
      origin: 'remote',
    });
    await v6.table('submissions').bulkAdd([submission('s1', 'p1'), submission('s2', 'p2')]);
    await v6.table('reviews').add({ id: 's2', submissionId: 's2', projectId: 'p2', status: 'verified' });
    await v6.table('projects').bulkAdd([
      { id: 'p1', deleted: false },
      { id: 'p2', deleted: false },
    ]);
    v6.close();

    const db = new TerrainDb('u', name);
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.submissions.where('projectId').equals('p1').primaryKeys()).toEqual(['s1']);
    expect(await db.reviews.get('s2')).toMatchObject({ status: 'verified' });
    expect(await db.reviewEvents.count()).toBe(0);
    // The queue reads stored submissions through the new index: s1 waits, s2 is verified.
    expect((await listReviewQueue(db)).map((i) => (i.kind === 'submission' ? i.submission.id : ''))).toEqual([
      's1',
    ]);
    await db.delete();
  });
});
