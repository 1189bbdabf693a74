import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type {
  MediaRecord,
  OutboxEntry,
  ReviewEventRecord,
  ReviewRecord,
  SubmissionRecord,
} from '../../../src/app/db/schema';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import { openTestDb, USER_ID } from '../fixtures';

/**
 * A pulled erasure (a submission's tombstone) removes from the device the submission and everything it holds
 * about it, even what waits in the outbox; what is about other submissions stays.
 */
let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

/** A file answer named by a (fake) SHA-256 made of its digit. */
const sha = (name: string) => name.slice(1).repeat(64);
const ref = (name: string) => ({ sha256: sha(name), name: `${name}.jpg`, type: 'image/jpeg', size: 3 });
const file = (name: string): MediaRecord => ({
  ...ref(name),
  blob: new Blob(['abc']),
  createdAt: '2024-03-01T09:00:00.000Z',
  uploadState: 'pending',
});

function record(id: string, fields: Partial<SubmissionRecord>): SubmissionRecord {
  return {
    id,
    createdBy: 'user-fatou',
    formId: 'household',
    formVersion: '2024-01',
    projectId: 'p-gao',
    data: {},
    startedAt: '2024-02-01T08:00:00.000Z',
    finalizedAt: '2024-02-01T09:00:00.000Z',
    replaces: null,
    syncState: 'synced',
    origin: 'remote',
    ...fields,
  };
}

function entry(
  seq: number,
  table: string,
  id: string,
  fields: Record<string, unknown>,
  state: OutboxEntry['state'],
): OutboxEntry {
  return {
    seq,
    mutationId: crypto.randomUUID(),
    table,
    id,
    op: 'put',
    fields,
    hlc: `00017000000${seq}:00000:dev`,
    createdAt: '2024-03-01T09:00:00.000Z',
    state,
  };
}

const event = (id: string, targetId: string) =>
  ({
    id,
    targetTable: 'submissions',
    targetId,
    projectId: 'p-gao',
    server: {},
    clocks: {},
  }) as unknown as ReviewEventRecord;

describe('a pulled erasure', () => {
  it('removes the submission, its local corrections, drafts, outbox entries, reviews and unshared files', async () => {
    await db.submissions.bulkAdd([
      record('erased', { data: { photo: ref('p1'), other: ref('p2') } }),
      // This device's correction of it, refused, and a correction of that correction, not sent yet.
      record('mine', {
        createdBy: USER_ID,
        origin: 'local',
        syncState: 'rejected',
        replaces: 'erased',
        data: { photo: ref('p1') },
      }),
      record('mine2', { createdBy: USER_ID, origin: 'local', syncState: 'pending', replaces: 'mine' }),
      record('kept', {
        createdBy: USER_ID,
        origin: 'local',
        syncState: 'pending',
        data: { photo: ref('p2') },
      }),
    ]);
    await db.drafts.bulkAdd([
      {
        id: 'fix',
        formId: 'household',
        formVersion: '2024-01',
        projectId: 'p-gao',
        answers: { photo: ref('p3') },
        startedAt: '',
        updatedAt: '',
        replaces: 'erased',
      },
      {
        id: 'new',
        formId: 'household',
        formVersion: '2024-01',
        projectId: 'p-gao',
        answers: { photo: ref('p4') },
        startedAt: '',
        updatedAt: '',
      },
    ]);
    await db.outbox.bulkAdd([
      entry(1, 'submissions', 'mine', { replaces: 'erased' }, 'rejected'),
      entry(
        2,
        'reviews',
        'erased',
        { submissionId: 'erased', projectId: 'p-gao', comment: 'Awa' },
        'pending',
      ),
      entry(
        3,
        'reviewEvents',
        'ev-1',
        { targetTable: 'submissions', targetId: 'erased', projectId: 'p-gao' },
        'pending',
      ),
      entry(4, 'submissions', 'mine2', { replaces: 'mine' }, 'pending'),
      entry(5, 'submissions', 'kept', {}, 'pending'),
      entry(
        6,
        'reviewEvents',
        'ev-2',
        { targetTable: 'submissions', targetId: 'kept', projectId: 'p-gao' },
        'pending',
      ),
    ]);
    await db.reviews.add({
      id: 'erased',
      submissionId: 'erased',
      projectId: 'p-gao',
      server: {},
      clocks: {},
    } as unknown as ReviewRecord);
    await db.reviewEvents.bulkAdd([event('ev-1', 'erased'), event('ev-0', 'erased'), event('ev-2', 'kept')]);
    await db.media.bulkAdd(['p1', 'p2', 'p3', 'p4'].map(file));

    const stats = await applyPullPage(db, {
      changes: [{ table: 'submissions', id: 'erased', serverSeq: 12, op: 'delete', data: null }],
      cursor: 12,
      hasMore: false,
    });

    expect(stats).toMatchObject({ applied: 1, kept: 0 });
    expect(await db.submissions.toCollection().primaryKeys()).toEqual(['kept']);
    expect(await db.drafts.toCollection().primaryKeys()).toEqual(['new']);
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([5, 6]);
    expect(await db.reviews.count()).toBe(0);
    expect(await db.reviewEvents.toCollection().primaryKeys()).toEqual(['ev-2']);
    // p2 is also a photo of a submission that stays; p4 of a draft that stays.
    expect((await db.media.toCollection().primaryKeys()).sort()).toEqual([sha('p2'), sha('p4')]);
    expect((await getSyncMeta(db)).cursor).toBe(12);
  });

  it('of a submission the device never had changes nothing else', async () => {
    await db.submissions.add(record('other', {}));
    await applyPullPage(db, {
      changes: [{ table: 'submissions', id: 'unknown', serverSeq: 3, op: 'delete', data: null }],
      cursor: 3,
      hasMore: false,
    });
    expect(await db.submissions.toCollection().primaryKeys()).toEqual(['other']);
    expect((await getSyncMeta(db)).cursor).toBe(3);
  });
});
