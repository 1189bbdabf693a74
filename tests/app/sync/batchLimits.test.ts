import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../src/app/db/schema';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { takeBatch } from '../../../src/app/sync/batches';
import { SYNC_INTERVAL_MS } from '../../../src/app/sync/SyncEngine';
import type { SyncProgress } from '../../../src/app/sync/status';
import { formRecord, USER_ID } from '../fixtures';
import { createHarness, type Harness } from './harness';

const harnesses: Harness[] = [];
async function harness(...args: Parameters<typeof createHarness>): Promise<Harness> {
  const h = await createHarness(...args);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/** Random notes, so that gzip cannot shrink a batch to nothing and body sizes stay meaningful. */
function noise(length: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789 ';
  return Array.from({ length }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}

async function finalizeWithNotes(h: Harness, members: number, notes: string) {
  const draft = await createDraft(h.db, formRecord());
  return finalizeDraft(h.db, draft.id, { userId: USER_ID, lang: 'fr', answers: { members, notes } });
}

const pushes = (h: Harness) => h.server.requests.filter((r) => r.path === '/api/sync/push').length;

function entry(seq: number, size: number): OutboxEntry {
  return {
    seq,
    mutationId: crypto.randomUUID(),
    table: 'submissions',
    id: `s-${seq}`,
    op: 'put',
    fields: { notes: 'x'.repeat(size) },
    hlc: `000000000000001:00000:client${seq}`,
    createdAt: '2024-03-01T09:00:00.000Z',
    state: 'pending',
  };
}

describe('batch limits', () => {
  it('cuts any queue into batches within both limits, a too-large mutation alone, none skipped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 8000 }),
        (sizes, maxCount, maxBytes) => {
          let queue = sizes.map((size, i) => entry(i + 1, size));
          const sent: number[] = [];
          while (queue.length > 0) {
            const batch = takeBatch(queue, 'client1', maxCount, maxBytes);
            // Never stuck: every call takes at least the first entry.
            expect(batch.entries[0]?.seq).toBe(queue[0]!.seq);
            expect(batch.entries.length).toBeLessThanOrEqual(maxCount);
            const bytes = batch.mutations.reduce((n, m) => n + JSON.stringify(m).length + 1, 0);
            if (batch.entries.length > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
            sent.push(...batch.entries.map((e) => e.seq));
            queue = queue.slice(batch.entries.length);
          }
          expect(sent).toEqual(sizes.map((_, i) => i + 1));
        },
      ),
    );
  });

  it('on 413, sends smaller batches until they get through, and keeps that size', async () => {
    const h = await harness();
    const ids: string[] = [];
    for (let i = 1; i <= 24; i += 1) ids.push((await finalizeWithNotes(h, i, noise(400))).id);
    // A proxy that takes about three of these mutations per request.
    h.server.maxBodyBytes = 2000;
    await h.engine.syncNow();

    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, lastError: null });
    expect(await h.db.outbox.count()).toBe(0);
    for (const id of ids) expect(h.server.applyCounts.get(id)).toBe(1);
    const refused = h.server.requests.filter((r) => r.path === '/api/sync/push').length - 24 / 3;
    // 24 → 12 → 6 → 3 (or less): a few refusals, not one per batch.
    expect(refused).toBeLessThanOrEqual(8);

    // The next sync starts at the size that got through: no 413 to learn it again.
    for (let i = 1; i <= 3; i += 1) await finalizeWithNotes(h, i, noise(400));
    const before = pushes(h);
    await h.engine.syncNow();
    expect(pushes(h) - before).toBeLessThanOrEqual(3);
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
  });

  it('keeps a lone mutation the path refuses pending, says why, and does not hammer the server', async () => {
    const h = await harness();
    const big = await finalizeWithNotes(h, 1, noise(3000));
    await finalizeWithNotes(h, 2, noise(10));
    h.server.maxBodyBytes = 1500;
    h.engine.start();
    await h.engine.syncNow();

    expect(h.engine.getStatus()).toMatchObject({
      phase: 'error',
      pending: 2,
      lastError: { code: 'payload_too_large' },
    });
    // The pair is refused, then the big one alone: two requests, no loop.
    expect(pushes(h)).toBe(2);
    expect(h.server.applyCounts.has(big.id)).toBe(false);
    // Not retried on the backoff schedule: only the periodic sync tries again.
    expect(h.armed()?.ms).toBe(SYNC_INTERVAL_MS);
    expect(h.engine.getStatus().nextRetryAt).toBeNull();

    // Once the path takes it (the proxy's limit raised), it goes, once.
    h.server.maxBodyBytes = null;
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
    expect(h.server.applyCounts.get(big.id)).toBe(1);
  });
});

describe('progress', () => {
  it('shows the push as sent of total, then the pull as a count received', async () => {
    const h = await harness({ maxBatchMutations: 2, pullLimit: 2 });
    for (let i = 1; i <= 3; i += 1) await h.finalize(i);
    for (let i = 1; i <= 4; i += 1) h.server.putRecord('projects', `p-${i}`, { id: `p-${i}` });
    const seen: SyncProgress[] = [];
    h.engine.subscribe((s) => {
      // Media uploads have their own step (and tests); here the records.
      const p = s.progress;
      if (p && (p.kind === 'push' || p.kind === 'pull') && p !== seen.at(-1)) seen.push(p);
    });
    await h.engine.syncNow();

    // The three pushed submissions come back on the pull too (3 + 4 = 7 changes, pages of 2).
    expect(seen).toEqual([
      { kind: 'push', sent: 0, total: 3 },
      { kind: 'push', sent: 2, total: 3 },
      { kind: 'push', sent: 3, total: 3 },
      { kind: 'pull', received: 0 },
      { kind: 'pull', received: 2 },
      { kind: 'pull', received: 4 },
      { kind: 'pull', received: 6 },
      { kind: 'pull', received: 7 },
    ]);
    expect(h.engine.getStatus().progress).toBeNull();
  });
});
