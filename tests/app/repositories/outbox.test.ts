import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { countPending, countRejected, listPending, listRejected } from '../../../src/app/repositories/outbox';
import { discardRejected, resendRejected } from '../../../src/app/repositories/rejected';
import { listReviewHistory } from '../../../src/app/repositories/reviewEvents';
import { saveReview } from '../../../src/app/repositories/reviews';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { formRecord, openTestDb, USER_ID } from '../fixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

async function finalize(members: number) {
  const draft = await createDraft(db, formRecord());
  return finalizeDraft(db, draft.id, { userId: USER_ID, lang: 'fr', answers: { members } });
}

/** What the sync engine does with a `rejected` result. */
async function reject(seq: number) {
  const entry = await db.outbox.get(seq);
  await db.outbox.update(seq, {
    state: 'rejected',
    rejection: { code: 'unknown_form', message: 'Form retired', at: '2024-03-01T00:00:00.000Z' },
  });
  await db.submissions.update(entry!.id, { syncState: 'rejected' });
}

describe('outbox', () => {
  it('counts and lists pending in seq order, with a limit', async () => {
    for (let i = 1; i <= 4; i += 1) await finalize(i);
    await reject(2);
    expect(await countPending(db)).toBe(3);
    expect(await countRejected(db)).toBe(1);
    expect((await listPending(db, 2)).map((e) => e.seq)).toEqual([1, 3]);
    expect((await listRejected(db)).map((e) => e.seq)).toEqual([2]);
  });

  it('resends a rejected mutation with corrected fields at the end of the queue', async () => {
    const first = await finalize(1);
    await finalize(2);
    await reject(1);
    const old = (await db.outbox.get(1))!;

    const fields = { ...old.fields, formVersion: '2024-02' };
    const resent = await resendRejected(db, 1, fields);

    expect(resent).toMatchObject({ seq: 3, state: 'pending', id: first.id, fields });
    expect(resent.mutationId).not.toBe(old.mutationId);
    expect(resent.hlc > old.hlc).toBe(true);
    expect(await db.outbox.get(1)).toBeUndefined();
    expect((await listPending(db, 10)).map((e) => e.seq)).toEqual([2, 3]);
    expect(await db.submissions.get(first.id)).toMatchObject({
      syncState: 'pending',
      formVersion: '2024-02',
    });
    expect((await getSyncMeta(db)).nextSeq).toBe(4);
  });

  it('refuses to resend fields that are not a submission, changing nothing', async () => {
    await finalize(1);
    await reject(1);
    await expect(resendRejected(db, 1, { nonsense: true })).rejects.toThrow();
    expect(await listRejected(db)).toHaveLength(1);
    expect((await getSyncMeta(db)).nextSeq).toBe(2);
  });

  it('discards on purpose: the entry goes, the submission stays marked as discarded', async () => {
    const submission = await finalize(1);
    await reject(1);
    await discardRejected(db, 1);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.submissions.get(submission.id)).toMatchObject({
      syncState: 'rejected',
      discardedAt: expect.any(String) as unknown,
      data: { members: 1 },
    });
  });

  it('discarding a refused review change leaves no history entry of it (the server never had it)', async () => {
    const submission = { id: 'sub-1', projectId: 'p-gao' };
    await saveReview(db, submission, { status: 'verified' });
    for (const entry of await db.outbox.toArray())
      await db.outbox.update(entry.seq, {
        state: 'rejected',
        rejection: { code: 'forbidden', message: 'approved', at: '2024-03-01T00:00:00.000Z' },
      });
    expect(await listReviewHistory(db, 'submissions', ['sub-1'])).toMatchObject([{ sendState: 'refused' }]);
    for (const entry of await db.outbox.toArray()) await discardRejected(db, entry.seq);
    expect(await listReviewHistory(db, 'submissions', ['sub-1'])).toEqual([]);
    expect(await db.reviews.get('sub-1')).toBeUndefined();
  });

  it('only acts on rejected entries', async () => {
    await finalize(1);
    await expect(discardRejected(db, 1)).rejects.toThrow(/not rejected/);
    await expect(resendRejected(db, 1)).rejects.toThrow(/not rejected/);
    await expect(discardRejected(db, 99)).rejects.toThrow(/No outbox entry/);
  });
});
