import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../src/app/api/client';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { SyncEngine, SYNC_INTERVAL_MS } from '../../../src/app/sync/SyncEngine';
import type { SyncStatus } from '../../../src/app/sync/status';
import type { SyncLocks } from '../../../src/app/sync/syncLock';
import { FakeServer } from '../fakeServer';
import { formRecord, openTestDb, USER_ID } from '../fixtures';
import { manualTimers } from './manualTimers';
import { FakeLockManager } from './webLocks';

/**
 * Two tabs of one user: two engines on ONE IndexedDB database (two Dexie instances on the same name, as
 * two tabs open it), one server, and one lock manager (one browser profile).
 */
interface Tab {
  db: TerrainDb;
  engine: SyncEngine;
  timers: ReturnType<typeof manualTimers>;
  statuses: SyncStatus[];
}

/** The network both tabs share: counts requests in flight, and can hold them until released. */
function network(inner: typeof fetch) {
  const state = { inFlight: 0, maxInFlight: 0, paths: [] as string[], hold: null as Promise<void> | null };
  let release = () => undefined as void;
  const wrapped: typeof fetch = async (input, init) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    state.paths.push(new URL(url, 'http://terrain.test').pathname);
    try {
      if (state.hold) await state.hold;
      return await inner(input, init);
    } finally {
      state.inFlight -= 1;
    }
  };
  return {
    state,
    fetch: wrapped,
    /** Holds every request from now until `release()`. */
    hold() {
      state.hold = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    release() {
      state.hold = null;
      release();
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function twoTabs(locks: SyncLocks | null = new FakeLockManager()) {
  const first = await openTestDb();
  const server = new FakeServer(USER_ID);
  const net = network(server.fetch);
  const tab = (db: TerrainDb): Tab => {
    const timers = manualTimers();
    const engine = new SyncEngine({
      db,
      api: createApiClient({ fetch: net.fetch, getToken: () => 'token-ok' }),
      locks,
      random: () => 0.5,
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
      window: null,
      document: null,
      registerDevice: false,
      // Reported offline so that a finalize waits for a sync these tests start (sending at once: engine.test.ts).
      online: () => false,
    });
    const statuses: SyncStatus[] = [];
    engine.subscribe((s) => statuses.push(s));
    return { db, engine, timers, statuses };
  };
  const a = tab(first);
  const b = tab(new TerrainDb(USER_ID, first.name));
  cleanups.push(async () => {
    a.engine.stop();
    b.engine.stop();
    b.db.close();
    await first.delete();
  });
  async function finalize(members: number) {
    const draft = await createDraft(a.db, formRecord());
    return finalizeDraft(a.db, draft.id, { userId: USER_ID, lang: 'fr', answers: { members } });
  }
  return { a, b, server, net, finalize };
}

describe('one sync at a time across tabs', () => {
  it('never pushes from two tabs at once; a "Sync now" there waits, says so, then syncs', async () => {
    const { a, b, server, net, finalize } = await twoTabs();
    const ids = [];
    for (let i = 1; i <= 3; i += 1) ids.push((await finalize(i)).id);

    net.hold();
    const first = a.engine.syncNow();
    await vi.waitFor(() => expect(net.state.paths).toEqual(['/api/sync/push']));
    const second = b.engine.syncNow();
    await vi.waitFor(() => expect(b.engine.getStatus()).toMatchObject({ phase: 'syncing', otherTab: true }));
    // Tab B sent nothing while A holds the lock.
    expect(net.state.paths).toEqual(['/api/sync/push']);
    net.release();
    await Promise.all([first, second]);

    expect(net.state.maxInFlight).toBe(1);
    // A pushed and pulled; then B ran its own sync, finding nothing left to push.
    expect(net.state.paths).toEqual(['/api/sync/push', '/api/sync/pull', '/api/sync/pull']);
    for (const id of ids) expect(server.applyCounts.get(id)).toBe(1);
    expect(b.engine.getStatus()).toMatchObject({ phase: 'idle', otherTab: false, pending: 0 });
    expect(b.statuses.some((s) => s.otherTab)).toBe(true);
  });

  it('without a lock (the control), the same two syncs overlap', async () => {
    const { a, b, net, finalize } = await twoTabs(null);
    await finalize(1);
    net.hold();
    const both = Promise.all([a.engine.syncNow(), b.engine.syncNow()]);
    await vi.waitFor(() => expect(net.state.inFlight).toBe(2));
    net.release();
    await both;
    expect(net.state.maxInFlight).toBe(2);
  });

  it('skips automatic syncs while another tab syncs, and shows that tab’s results', async () => {
    const { a, b, net, finalize } = await twoTabs();
    await finalize(1);
    await finalize(2);
    b.engine.start();
    await b.engine.syncNow();
    await finalize(3);
    await vi.waitFor(() => expect(b.engine.getStatus().pending).toBe(1));
    const firstSync = b.engine.getStatus().lastSyncAt;

    net.hold();
    const running = a.engine.syncNow();
    await vi.waitFor(() => expect(net.state.inFlight).toBe(1));
    const requests = net.state.paths.length;
    // B's periodic sync fires while A syncs: it is skipped (no request), and comes back later.
    const timer = b.timers.armed();
    timer!.cleared = true;
    timer!.callback();
    await vi.waitFor(() => expect(b.timers.armed()?.ms).toBe(SYNC_INTERVAL_MS));
    expect(b.timers.armed()).not.toBe(timer);
    expect(net.state.paths.length).toBe(requests);
    expect(b.engine.getStatus().otherTab).toBe(false);

    net.release();
    await running;
    // B learns what A did through the database: counts, last sync time, submission states.
    await vi.waitFor(() =>
      expect(b.engine.getStatus()).toMatchObject({
        pending: 0,
        lastSyncAt: a.engine.getStatus().lastSyncAt,
      }),
    );
    expect(b.engine.getStatus().lastSyncAt).not.toBe(firstSync);
    expect((await b.db.submissions.toArray()).map((s) => s.syncState)).toEqual([
      'synced',
      'synced',
      'synced',
    ]);
  });

  it('clears a failure shown in one tab once another tab has synced', async () => {
    const { a, b, server, finalize } = await twoTabs();
    await finalize(1);
    server.faults.push({ kind: 'request_lost' });
    b.engine.start();
    await b.engine.syncNow();
    expect(b.engine.getStatus()).toMatchObject({ phase: 'offline', lastError: { code: 'network' } });

    await a.engine.syncNow();
    await vi.waitFor(() =>
      expect(b.engine.getStatus()).toMatchObject({ phase: 'idle', lastError: null, nextRetryAt: null }),
    );
    expect(b.timers.armed()?.ms).toBe(SYNC_INTERVAL_MS);
  });

  it('stops waiting for the other tab when signed out, sending nothing', async () => {
    const { a, b, net, finalize } = await twoTabs();
    b.engine.start();
    await b.engine.syncNow();
    await finalize(1);
    const before = b.engine.getStatus().phase;
    const requests = net.state.paths.length;

    net.hold();
    const running = a.engine.syncNow();
    await vi.waitFor(() => expect(net.state.inFlight).toBe(1));
    const waiting = b.engine.syncNow();
    await vi.waitFor(() => expect(b.engine.getStatus().otherTab).toBe(true));
    b.engine.stop();
    await waiting;
    expect(b.engine.getStatus()).toMatchObject({ phase: before, otherTab: false });
    net.release();
    await running;
    // Only A's sync reached the network.
    expect(net.state.paths.slice(requests)).toEqual(['/api/sync/push', '/api/sync/pull']);
  });

  it('syncs without a lock where the lock manager fails', async () => {
    const broken: SyncLocks = {
      request: () => Promise.reject(new DOMException('Locks are not allowed here', 'SecurityError')),
    };
    const { a, server, finalize } = await twoTabs(broken);
    const { id } = await finalize(1);
    await a.engine.syncNow();
    expect(a.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
    expect(server.applyCounts.get(id)).toBe(1);
  });
});

describe('FakeLockManager (the in-test Web Locks)', () => {
  it('grants in order, answers ifAvailable with null when held, and aborts a waiting request', async () => {
    const locks = new FakeLockManager();
    const order: string[] = [];
    let releaseFirst = () => undefined as void;
    const first = locks.request('x', {}, async (lock) => {
      order.push(`first:${lock ? 'lock' : 'null'}`);
      await new Promise<void>((resolve) => (releaseFirst = resolve));
    });
    const busy = await locks.request('x', { ifAvailable: true }, (lock) => lock);
    expect(busy).toBeNull();
    const second = locks.request('x', {}, () => {
      order.push('second');
    });
    const controller = new AbortController();
    const aborted = locks.request('x', { signal: controller.signal }, () => order.push('aborted'));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    // Another name is independent.
    await locks.request('y', { ifAvailable: true }, (lock) => expect(lock).not.toBeNull());
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first:lock', 'second']);
    await locks.request('x', { ifAvailable: true }, (lock) => expect(lock).not.toBeNull());
  });
});
