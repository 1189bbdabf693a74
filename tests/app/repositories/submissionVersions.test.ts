import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { SubmissionRecord } from '../../../src/app/db/schema';
import { startCorrection } from '../../../src/app/repositories/corrections';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { listPending } from '../../../src/app/repositories/outbox';
import { discardRejected, resendRejected } from '../../../src/app/repositories/rejected';
import { listVersions } from '../../../src/app/repositories/submissionVersions';
import { countSubmissions, listSubmissions } from '../../../src/app/repositories/submissions';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import { encodeHlc } from '../../../src/core/hlc';
import type { Submission } from '../../../src/core/records/submission';
import { resolveVersions } from '../../../src/core/records/submissionVersions';
import type { PullChange } from '../../../src/core/sync/protocol';
import { formRecord, openTestDb, USER_ID } from '../fixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-03-01T09:00:00.000Z'));
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

const options = { userId: USER_ID, lang: 'fr' };

function remote(id: string, replaces: string | null, members: number, minute = 0): Submission {
  return {
    id,
    createdBy: 'user-fatou',
    formId: 'household',
    formVersion: '2024-01',
    projectId: 'p-gao',
    data: { members },
    startedAt: '2024-02-01T08:00:00.000Z',
    finalizedAt: `2024-02-01T09:${String(minute).padStart(2, '0')}:00.000Z`,
    replaces,
  };
}

/** A pulled change as the server sends it: a version carries its hlc. */
function change(s: Submission, serverSeq: number, second = serverSeq): PullChange {
  return {
    table: 'submissions',
    id: s.id,
    serverSeq,
    op: 'put',
    data: s,
    ...(s.replaces
      ? { hlc: encodeHlc({ wall: 1_706_000_000_000 + second * 1000, counter: 0, node: 'srv' }) }
      : {}),
  };
}

const states = async () =>
  new Map(
    (await db.submissions.toArray()).map((s) => [
      s.id,
      { state: s.versionState ?? 'current', conflicts: s.versionConflicts ?? 0 },
    ]),
  );

describe('correcting a finalized submission', () => {
  it('opens a prefilled draft that finalizes into a new version replacing it', async () => {
    const draft = await createDraft(db, formRecord());
    const original = await finalizeDraft(db, draft.id, {
      ...options,
      answers: { members: 3, village: 'gao' },
    });

    vi.setSystemTime(new Date('2024-03-02T10:00:00.000Z'));
    const correction = await startCorrection(db, original.id);
    expect(correction).toMatchObject({
      formId: 'household',
      formVersion: '2024-01',
      projectId: 'p-gao',
      answers: { members: 3, village: 'gao' },
      replaces: original.id,
    });
    // A second tap reopens the same correction.
    expect((await startCorrection(db, original.id)).id).toBe(correction.id);

    const version = await finalizeDraft(db, correction.id, {
      ...options,
      answers: { members: 4, village: 'gao' },
    });
    expect(version).toMatchObject({ replaces: original.id, data: { members: 4, village: 'gao' } });
    expect(await db.drafts.count()).toBe(0);

    // The outbox carries the new version as usual; the original is unchanged, and no longer listed.
    const pending = await listPending(db, 10);
    expect(pending.map((e) => [e.id, e.fields.replaces])).toEqual([
      [original.id, null],
      [version.id, original.id],
    ]);
    expect(await db.submissions.get(original.id)).toMatchObject({
      data: { members: 3, village: 'gao' },
      versionState: 'superseded',
    });
    expect((await listSubmissions(db)).map((s) => s.id)).toEqual([version.id]);
    expect(await countSubmissions(db)).toBe(1);
    expect((await listVersions(db, version.id)).map((v) => [v.record.id, v.state])).toEqual([
      [original.id, 'superseded'],
      [version.id, 'current'],
    ]);
    expect(await listVersions(db, original.id)).toHaveLength(2);
  });

  it('refuses to start a correction of a submission not on the device', async () => {
    await expect(startCorrection(db, 'nope')).rejects.toThrow(/No submission/);
    expect(await db.drafts.count()).toBe(0);
  });
});

describe('a refused correction', () => {
  /** v1 pulled, then corrected here; the server refuses the correction (as the sync engine records it). */
  async function refusedCorrection() {
    await applyPullPage(db, { changes: [change(remote('v1', null, 3), 1)], cursor: 1, hasMore: false });
    const draft = await startCorrection(db, 'v1');
    const mine = await finalizeDraft(db, draft.id, { ...options, answers: { members: 9 } });
    const [entry] = await listPending(db, 10);
    await db.outbox.update(entry!.seq, {
      state: 'rejected',
      rejection: { code: 'forbidden', message: 'no', at: new Date().toISOString() },
    });
    await db.submissions.update(mine.id, { syncState: 'rejected' });
    return { mine, seq: entry!.seq };
  }

  it('gives the replaced version back its place when discarded, and keeps the correction', async () => {
    const { mine, seq } = await refusedCorrection();
    expect((await listSubmissions(db)).map((s) => s.id)).toEqual([mine.id]);
    await discardRejected(db, seq);
    expect((await states()).get('v1')).toEqual({ state: 'current', conflicts: 0 });
    expect(await db.submissions.get(mine.id)).toMatchObject({ data: { members: 9 } });
    expect(await countSubmissions(db)).toBe(2);
  });

  it('orders a resent correction by its new clock', async () => {
    const { mine, seq } = await refusedCorrection();
    const before = (await db.submissions.get(mine.id))?.versionHlc;
    vi.setSystemTime(new Date('2024-03-05T09:00:00.000Z'));
    const resent = await resendRejected(db, seq);
    const after = await db.submissions.get(mine.id);
    expect(after?.versionHlc).toBe(resent.hlc);
    expect(after?.versionHlc).not.toBe(before);
    expect((await states()).get('v1')).toEqual({ state: 'superseded', conflicts: 0 });
  });
});

describe('pulled versions', () => {
  it('shows the latest of two concurrent corrections and marks the other as conflicting', async () => {
    const v1 = remote('v1', null, 3);
    const later = remote('v2-later', 'v1', 5, 1);
    const earlier = remote('v2-earlier', 'v1', 4, 2);
    await applyPullPage(db, {
      changes: [change(v1, 1), change(later, 2, 50), change(earlier, 3, 40)],
      cursor: 3,
      hasMore: false,
    });
    expect(await states()).toEqual(
      new Map([
        ['v1', { state: 'superseded', conflicts: 0 }],
        ['v2-later', { state: 'current', conflicts: 1 }],
        ['v2-earlier', { state: 'conflicting', conflicts: 0 }],
      ]),
    );
    expect((await listSubmissions(db)).map((s) => s.id)).toEqual(['v2-later']);
    expect(await countSubmissions(db)).toBe(1);

    // A copy pulled again (without bookkeeping) gets its state back in the same transaction.
    await applyPullPage(db, { changes: [change(v1, 4)], cursor: 4, hasMore: false });
    expect((await states()).get('v1')).toEqual({ state: 'superseded', conflicts: 0 });
  });

  it('orders a local correction against a pulled one by hlc', async () => {
    await applyPullPage(db, { changes: [change(remote('v1', null, 3), 1)], cursor: 1, hasMore: false });
    const correction = await startCorrection(db, 'v1');
    const mine = await finalizeDraft(db, correction.id, { ...options, answers: { members: 9 } });
    expect((await states()).get(mine.id)).toEqual({ state: 'current', conflicts: 0 });
    expect((await db.submissions.get(mine.id))?.versionHlc).toMatch(/^\d{15}:/);

    // A focal point's correction made later (by hlc) wins; ours stays, marked as conflicting.
    const theirs = remote('v2-focal', 'v1', 6);
    await applyPullPage(db, {
      changes: [
        { ...change(theirs, 2), hlc: encodeHlc({ wall: Date.now() + 60_000, counter: 0, node: 'x' }) },
      ],
      cursor: 2,
      hasMore: false,
    });
    expect(await states()).toEqual(
      new Map([
        ['v1', { state: 'superseded', conflicts: 0 }],
        ['v2-focal', { state: 'current', conflicts: 1 }],
        [mine.id, { state: 'conflicting', conflicts: 0 }],
      ]),
    );
  });

  it('computes the same current versions on every device, whatever order the versions arrive in', async () => {
    // A tree of versions: each one replaces an earlier one (or none), with an hlc second that may tie.
    const tree = fc
      .array(
        fc.record({ parent: fc.option(fc.nat(), { nil: null }), second: fc.integer({ min: 1, max: 6 }) }),
        {
          minLength: 1,
          maxLength: 9,
        },
      )
      .map((nodes) =>
        nodes.map((n, i) => ({
          submission: remote(`s${i}`, i > 0 && n.parent !== null ? `s${n.parent % i}` : null, i + 1),
          second: n.second,
        })),
      );
    const arrival = (n: number) =>
      fc.record({
        order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        pageSize: fc.integer({ min: 1, max: n }),
      });

    await fc.assert(
      fc.asyncProperty(
        tree.chain((nodes) => fc.tuple(fc.constant(nodes), arrival(nodes.length), arrival(nodes.length))),
        async ([nodes, ...devices]) => {
          const expected = resolveVersions(
            nodes.map(({ submission, second }) => ({
              id: submission.id,
              replaces: submission.replaces,
              hlc: change(submission, 1, second).hlc ?? '',
            })),
          );
          for (const { order, pageSize } of devices) {
            const device = await openTestDb(`device-${crypto.randomUUID()}`);
            try {
              const changes = order.map((i, seq) => change(nodes[i]!.submission, seq + 1, nodes[i]!.second));
              for (let from = 0; from < changes.length; from += pageSize) {
                const page = changes.slice(from, from + pageSize);
                await applyPullPage(device, { changes: page, cursor: from + page.length, hasMore: true });
              }
              const stored = await device.submissions.toArray();
              for (const record of stored) {
                const info = expected.get(record.id)!;
                expect(record.versionState ?? 'current').toBe(info.state);
                expect(record.versionConflicts ?? 0).toBe(info.conflicts);
              }
              const listed = (await listSubmissions(device, { limit: 100 })).map(
                (s: SubmissionRecord) => s.id,
              );
              const current = [...expected].filter(([, info]) => info.state === 'current').map(([id]) => id);
              expect(listed.sort()).toEqual(current.sort());
              expect(await countSubmissions(device)).toBe(current.length);
            } finally {
              await device.delete();
            }
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);
});
