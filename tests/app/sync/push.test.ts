import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RejectCode } from '../../../src/core/sync/protocol';
import { listRejected } from '../../../src/app/repositories/outbox';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('push', () => {
  it('empties the outbox and marks submissions synced', async () => {
    const a = await h.finalize(1);
    const b = await h.finalize(2);
    await h.engine.syncNow();

    expect(await h.db.outbox.count()).toBe(0);
    expect((await h.db.submissions.get(a.id))?.syncState).toBe('synced');
    expect((await h.db.submissions.get(b.id))?.syncState).toBe('synced');
    expect(h.server.submissions.get(a.id)).toMatchObject({ data: { members: 1 }, createdBy: a.createdBy });
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0, lastError: null });
    expect((await getSyncMeta(h.db)).lastSyncAt).toBe('2024-03-01T09:00:00.000Z');
  });

  it('keeps a rejected mutation visible and lets the queue move on', async () => {
    const bad = await h.finalize(13);
    const good = await h.finalize(2);
    h.server.rejectWhen = (m) =>
      m.id === bad.id ? { code: 'forbidden', message: 'Not your project' } : null;
    await h.engine.syncNow();

    const [rejected, ...others] = await listRejected(h.db);
    expect(others).toEqual([]);
    expect(rejected).toMatchObject({
      id: bad.id,
      state: 'rejected',
      rejection: { code: 'forbidden', message: 'Not your project' },
    });
    expect((await h.db.submissions.get(bad.id))?.syncState).toBe('rejected');
    expect((await h.db.submissions.get(good.id))?.syncState).toBe('synced');
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 1 });
    expect(h.server.rejectedMutations.size).toBe(1);
  });

  it('keeps a mutation refused with a code this version does not know, like any refusal', async () => {
    const refused = await h.finalize(3);
    const code = 'a_code_from_a_newer_server' as RejectCode;
    h.server.rejectWhen = (m) => (m.id === refused.id ? { code, message: 'Newer rule' } : null);
    await h.engine.syncNow();
    const [rejected] = await listRejected(h.db);
    expect(rejected).toMatchObject({ id: refused.id, rejection: { code, message: 'Newer rule' } });
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 1 });
  });

  it('after a lost response, the retry is answered duplicate and applied once', async () => {
    const a = await h.finalize(1);
    h.server.faults.push({ kind: 'response_lost' });
    await h.engine.syncNow();
    expect(h.engine.getStatus().phase).toBe('offline');
    expect(h.server.submissions.has(a.id)).toBe(true);
    expect(await h.db.outbox.count()).toBe(1);

    await h.engine.syncNow();
    expect(await h.db.outbox.count()).toBe(0);
    expect((await h.db.submissions.get(a.id))?.syncState).toBe('synced');
    expect(h.server.applyCounts.get(a.id)).toBe(1);
  });

  it('splits the queue into batches by count and by bytes, keeping seq order', async () => {
    const small = await createHarness({ maxBatchMutations: 3 });
    try {
      for (let i = 1; i <= 7; i += 1) await small.finalize(i);
      await small.engine.syncNow();
      const pushes = small.server.requests.filter((r) => r.path === '/api/sync/push');
      expect(pushes).toHaveLength(3);
      expect(await small.db.outbox.count()).toBe(0);
    } finally {
      await small.close();
    }
    const bytes = await createHarness({ maxBatchBytes: 1 });
    try {
      for (let i = 1; i <= 3; i += 1) await bytes.finalize(i);
      await bytes.engine.syncNow();
      // Each mutation exceeds the budget alone: one per request, none stuck.
      expect(bytes.server.requests.filter((r) => r.path === '/api/sync/push')).toHaveLength(3);
      expect(await bytes.db.outbox.count()).toBe(0);
    } finally {
      await bytes.close();
    }
  });

  it('reports progress while pushing', async () => {
    const progress: unknown[] = [];
    const small = await createHarness({ maxBatchMutations: 2 });
    try {
      for (let i = 1; i <= 5; i += 1) await small.finalize(i);
      small.engine.subscribe((s) => {
        // Count updates re-send the same progress object; keep each step once.
        if (s.progress?.kind === 'push' && s.progress !== progress.at(-1)) progress.push(s.progress);
      });
      await small.engine.syncNow();
    } finally {
      await small.close();
    }
    expect(progress).toEqual([
      { kind: 'push', sent: 0, total: 5 },
      { kind: 'push', sent: 2, total: 5 },
      { kind: 'push', sent: 4, total: 5 },
      { kind: 'push', sent: 5, total: 5 },
    ]);
  });

  it('recovers from a server restored from backup by renumbering from the expected seq', async () => {
    const a = await h.finalize(1);
    await h.engine.syncNow();
    const backup = h.server.snapshot();
    await h.finalize(2);
    await h.finalize(3);
    await h.engine.syncNow();
    const clientId = (await getSyncMeta(h.db)).clientId;
    expect(h.server.lastSeqOf(clientId)).toBe(3);

    h.server.restore(backup);
    const d = await h.finalize(4);
    await h.engine.syncNow();

    expect(h.engine.getStatus().phase).toBe('idle');
    expect(h.server.lastSeqOf(clientId)).toBe(2);
    expect([...h.server.submissions.keys()]).toEqual([a.id, d.id]);
    expect(await h.db.outbox.count()).toBe(0);
    expect((await getSyncMeta(h.db)).nextSeq).toBe(3);

    // And numbering goes on from there without another gap.
    const e = await h.finalize(5);
    await h.engine.syncNow();
    expect(h.server.submissions.has(e.id)).toBe(true);
    expect(h.server.lastSeqOf(clientId)).toBe(3);
  });

  it('replays rejected entries the restored server lost, and they come back rejected', async () => {
    await h.finalize(1);
    await h.engine.syncNow();
    const backup = h.server.snapshot();
    const bad = await h.finalize(2);
    h.server.rejectWhen = (m) => (m.id === bad.id ? { code: 'validation', message: 'Bad' } : null);
    await h.engine.syncNow();
    expect(await listRejected(h.db)).toHaveLength(1);

    h.server.restore(backup);
    const next = await h.finalize(3);
    await h.engine.syncNow();

    const rejected = await listRejected(h.db);
    expect(rejected.map((e) => [e.seq, e.id])).toEqual([[2, bad.id]]);
    expect(h.server.rejectedMutations.size).toBe(1);
    expect(h.server.submissions.has(next.id)).toBe(true);
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 1 });
  });

  it('does not loop on a gap it cannot explain', async () => {
    await h.finalize(1);
    h.server.faults.push({ kind: 'status', status: 409, code: 'seq_gap' });
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'error', lastError: { code: 'seq_gap' } });
    expect(await h.db.outbox.count()).toBe(1);
  });
});
