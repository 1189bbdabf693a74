import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { discardRejected } from '../../../src/app/repositories/rejected';
import { saveReview } from '../../../src/app/repositories/reviews';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import { applyPushResults } from '../../../src/app/sync/applyPushResults';
import { encodeHlc } from '../../../src/core/hlc';
import type { PullChange } from '../../../src/core/sync/protocol';
import { openTestDb, USER_ID } from '../fixtures';

/** Reviews on the device: local changes laid over the server's merged state, field by field. */

const submission = { id: 'sub-1', projectId: 'p-gao' };
const at = (wall: number, node = 'server') => encodeHlc({ wall, counter: 0, node });
const T0 = Date.parse('2026-11-24T08:00:00.000Z');

function pulledReview(
  serverSeq: number,
  review: Record<string, unknown>,
  clocks: Record<string, string>,
): PullChange {
  return {
    table: 'reviews',
    id: 'sub-1',
    serverSeq,
    op: review.deleted ? 'delete' : 'put',
    data: {
      id: 'sub-1',
      submissionId: 'sub-1',
      projectId: 'p-gao',
      status: null,
      comment: '',
      fieldComments: {},
      reviewedBy: null,
      deleted: false,
      ...review,
    },
    clocks,
  };
}

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('reviews on the device', () => {
  it('writes the review and its outbox entry together, only the fields that changed, with what was seen', async () => {
    await applyPullPage(db, {
      changes: [
        pulledReview(
          1,
          { comment: 'Vu', status: 'verified' },
          { comment: at(T0), status: at(T0), deleted: at(T0) },
        ),
      ],
      cursor: 1,
      hasMore: false,
    });
    const saved = await saveReview(
      db,
      submission,
      { status: 'has_issues', comment: 'Vu' },
      new Date(T0 - 60_000),
    );
    expect(saved).toMatchObject({ status: 'has_issues', comment: 'Vu', reviewedBy: USER_ID });
    const [entry, event] = await db.outbox.toArray();
    expect(event).toMatchObject({
      table: 'reviewEvents',
      fields: { targetId: 'sub-1', status: 'has_issues' },
    });
    expect(entry).toMatchObject({
      table: 'reviews',
      id: 'sub-1',
      op: 'put',
      fields: { submissionId: 'sub-1', projectId: 'p-gao', status: 'has_issues' },
      base: { status: at(T0), deleted: at(T0) },
    });
    // Behind the server's clock, the edit still sorts after the value it replaces.
    expect(entry!.hlc > at(T0)).toBe(true);
    // Nothing changed: nothing written.
    await saveReview(db, submission, { status: 'has_issues' });
    expect(await db.outbox.count()).toBe(2);
  });

  it('never overwrites a field with a pending local change, but takes every other field from a pull', async () => {
    await saveReview(db, submission, { comment: 'Mon commentaire' }, new Date(T0));
    await applyPullPage(db, {
      changes: [
        pulledReview(
          5,
          { comment: 'Autre', status: 'approved', reviewedBy: 'u-super', fieldComments: { age: 'Âge ?' } },
          {
            comment: at(T0 + 5),
            status: at(T0 + 5),
            reviewedBy: at(T0 + 5),
            'fieldComments.age': at(T0 + 5),
            deleted: at(T0 + 5),
          },
        ),
      ],
      cursor: 5,
      hasMore: false,
    });
    const row = await db.reviews.get('sub-1');
    expect(row).toMatchObject({
      comment: 'Mon commentaire',
      status: 'approved',
      reviewedBy: 'u-super',
      fieldComments: { age: 'Âge ?' },
    });
    expect(row?.server.comment).toEqual({ value: 'Autre', hlc: at(T0 + 5) });
    const [entry] = await db.outbox.toArray();
    expect(row?.clocks.comment).toBe(entry?.hlc);

    // Refused and discarded on purpose: the server's value shows again.
    await db.outbox.update(entry!.seq, { state: 'rejected' });
    await discardRejected(db, entry!.seq);
    expect(await db.reviews.get('sub-1')).toMatchObject({
      comment: 'Autre',
      clocks: { comment: at(T0 + 5) },
    });
  });

  it('settles push results: applied fields stay, lost fields show the server value, nothing is refused', async () => {
    await applyPullPage(db, {
      changes: [pulledReview(1, { comment: 'Vu' }, { comment: at(T0), deleted: at(T0) })],
      cursor: 1,
      hasMore: false,
    });
    await saveReview(db, submission, { comment: 'Revu', status: 'verified' }, new Date(T0 + 10));
    // The review's entry (its history event, second, stays for the next batch).
    const entries = (await db.outbox.toArray()).slice(0, 1);
    const entry = entries[0]!;
    const handled = await applyPushResults(
      db,
      entries,
      {
        lastSeq: entry.seq,
        results: [
          {
            mutationId: entry.mutationId,
            seq: entry.seq,
            status: 'conflict',
            message: 'Newer values were kept for comment',
            serverSeq: 7,
            fields: ['comment'],
          },
        ],
      },
      new Date().toISOString(),
    );
    expect(handled).toBe(1);
    expect((await db.outbox.toArray()).map((e) => e.table)).toEqual(['reviewEvents']);
    expect(await db.reviews.get('sub-1')).toMatchObject({
      comment: 'Vu',
      status: 'verified',
      reviewedBy: USER_ID,
    });
  });

  it('keeps a withdrawn review as a hidden tombstone, and skips a pulled review without clocks', async () => {
    const stats = await applyPullPage(db, {
      changes: [
        { ...pulledReview(1, { comment: 'x' }, {}), clocks: undefined },
        pulledReview(2, { comment: 'Vu', deleted: true }, { comment: at(T0), deleted: at(T0 + 1) }),
      ],
      cursor: 2,
      hasMore: false,
    });
    expect(stats).toMatchObject({ applied: 1, invalid: 0 });
    expect(await db.reviews.get('sub-1')).toMatchObject({ deleted: true, comment: 'Vu' });
    const invalid = await applyPullPage(db, {
      changes: [{ ...pulledReview(3, {}, {}), clocks: undefined }],
      cursor: 3,
      hasMore: false,
    });
    expect(invalid).toMatchObject({ applied: 0, invalid: 1 });
    // Editing it brings it back, naming the tombstone as seen.
    await saveReview(db, submission, { comment: 'Revu' });
    expect((await db.outbox.toArray())[0]?.base).toEqual({ comment: at(T0), deleted: at(T0 + 1) });
    expect(await db.reviews.get('sub-1')).toMatchObject({ deleted: false, comment: 'Revu' });
  });
});
