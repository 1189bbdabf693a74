import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../src/app/api/client';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { SYNC_INTERVAL_MS } from '../../../src/app/sync/SyncEngine';
import type { SyncStatus } from '../../../src/app/sync/status';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

/** Fires the armed timer as the browser would, and waits for the sync it starts. */
async function fireTimer(): Promise<void> {
  const timer = h.armed();
  if (!timer) throw new Error('No timer armed');
  timer.cleared = true;
  h.now.value += timer.ms;
  timer.callback();
  await h.engine.syncNow();
}

describe('SyncEngine lifecycle', () => {
  it('joins a running sync instead of starting another', async () => {
    await h.finalize();
    const first = h.engine.syncNow();
    const second = h.engine.syncNow();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(h.server.requests.filter((r) => r.path === '/api/sync/push')).toHaveLength(1);
  });

  it('syncs on start, then every two minutes', async () => {
    h.engine.start();
    await h.engine.syncNow();
    expect(h.server.requests.map((r) => r.path)).toEqual(['/api/sync/pull']);
    expect(h.armed()?.ms).toBe(SYNC_INTERVAL_MS);
    await fireTimer();
    expect(h.server.requests.map((r) => r.path).slice(1)).toEqual(['/api/sync/pull']);
    expect(h.armed()?.ms).toBe(SYNC_INTERVAL_MS);
  });

  it('sends a submission finalized while online at once, without waiting for the timer', async () => {
    h.engine.start();
    await h.engine.syncNow();
    const timer = h.armed();
    await h.finalize();
    await vi.waitFor(() => {
      expect(h.server.requests.map((r) => r.path).slice(1)).toEqual(['/api/sync/push', '/api/sync/pull']);
    });
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
    expect(timer?.cleared).toBe(true);
  });

  it('backs off exponentially with full jitter on 500s, then returns to the periodic sync', async () => {
    await h.finalize();
    h.server.faults.push(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    h.engine.start();
    await h.engine.syncNow();

    // random() = 0.5 → half of 1 s, 2 s, 4 s.
    expect(h.engine.getStatus()).toMatchObject({ phase: 'error', lastError: { code: 'internal' } });
    expect(h.armed()?.ms).toBe(500);
    expect(h.engine.getStatus().nextRetryAt).toBe(h.now.value + 500);
    await fireTimer();
    expect(h.armed()?.ms).toBe(1000);
    await fireTimer();
    expect(h.armed()?.ms).toBe(2000);
    await fireTimer();

    expect(h.engine.getStatus()).toMatchObject({
      phase: 'idle',
      pending: 0,
      nextRetryAt: null,
      lastError: null,
    });
    expect(h.armed()?.ms).toBe(SYNC_INTERVAL_MS);
    expect((await getSyncMeta(h.db)).lastError).toBeNull();
  });

  it('honours Retry-After on 429 when it asks for longer than the backoff', async () => {
    h.server.faults.push({ kind: 'status', status: 429, code: 'rate_limited', retryAfter: '30' });
    h.engine.start();
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'error', lastError: { code: 'rate_limited' } });
    expect(h.armed()?.ms).toBe(30_000);
    expect((await getSyncMeta(h.db)).lastError).toMatchObject({ code: 'rate_limited' });

    // While the server asks us to wait, coming back to the app does not hammer it.
    const requests = h.server.requests.length;
    h.document.dispatchEvent(new Event('visibilitychange'));
    h.window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.server.requests.length).toBe(requests);
    await fireTimer();
    expect(h.engine.getStatus().phase).toBe('idle');
  });

  it('honours Retry-After on a push refused with 429: the outbox waits, then goes', async () => {
    await h.finalize();
    h.server.faults.push({ kind: 'status', status: 429, code: 'rate_limited', retryAfter: '45' });
    h.engine.start();
    await h.engine.syncNow();
    expect(h.server.requests.map((r) => r.path)).toEqual(['/api/sync/push']);
    expect(h.engine.getStatus()).toMatchObject({
      phase: 'error',
      pending: 1,
      lastError: { code: 'rate_limited' },
      nextRetryAt: h.now.value + 45_000,
    });
    expect(h.armed()?.ms).toBe(45_000);
    await fireTimer();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
  });

  it('honours Retry-After on a pull refused with 429 after the push went through', async () => {
    await h.finalize();
    h.server.faults.push(
      { kind: 'pass' },
      { kind: 'status', status: 429, code: 'rate_limited', retryAfter: '20' },
    );
    h.engine.start();
    await h.engine.syncNow();
    expect(h.server.requests.map((r) => r.path)).toEqual(['/api/sync/push', '/api/sync/pull']);
    expect(h.engine.getStatus()).toMatchObject({ phase: 'error', pending: 0 });
    expect(h.armed()?.ms).toBe(20_000);
    await fireTimer();
    expect(h.engine.getStatus().phase).toBe('idle');
  });

  it('caps the backoff at five minutes', async () => {
    const slow = await createHarness({ random: () => 0.999999 });
    try {
      slow.server.faults.push(
        ...Array.from({ length: 12 }, () => ({ kind: 'status' as const, status: 503 })),
      );
      slow.engine.start();
      await slow.engine.syncNow();
      const delays: number[] = [];
      for (let i = 0; i < 11; i += 1) {
        const timer = slow.armed()!;
        delays.push(timer.ms);
        timer.cleared = true;
        timer.callback();
        await slow.engine.syncNow();
      }
      expect(delays.slice(0, 4)).toEqual([999, 1999, 3999, 7999]);
      expect(Math.max(...delays)).toBe(299_999);
    } finally {
      await slow.close();
    }
  });

  it('goes offline when the network fails, and syncs at once when it comes back', async () => {
    await h.finalize();
    h.server.faults.push({ kind: 'request_lost' });
    h.engine.start();
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({
      phase: 'offline',
      pending: 1,
      lastError: { code: 'network' },
    });
    expect(h.armed()?.ms).toBe(500);

    h.window.dispatchEvent(new Event('online'));
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
  });

  it('a 401 signs out, keeps the data and stops retrying', async () => {
    const a = await h.finalize();
    h.server.token = 'rotated';
    h.engine.start();
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'signed_out', pending: 1, nextRetryAt: null });
    expect(h.armed()).toBeUndefined();
    expect(await h.db.submissions.get(a.id)).toMatchObject({ syncState: 'pending' });

    // Automatic triggers wait for the user to sign in again.
    h.window.dispatchEvent(new Event('online'));
    expect(h.engine.getStatus().phase).toBe('signed_out');
  });

  it('a permanent refusal is an error without backoff; the periodic sync goes on', async () => {
    h.server.faults.push({ kind: 'status', status: 403, code: 'forbidden' });
    h.engine.start();
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({
      phase: 'error',
      nextRetryAt: null,
      lastError: { code: 'forbidden' },
    });
    expect(h.armed()?.ms).toBe(SYNC_INTERVAL_MS);
  });

  it('keeps counts fresh as the user finalizes, and notifies subscribers', async () => {
    const seen: SyncStatus[] = [];
    const unsubscribe = h.engine.subscribe((s) => seen.push(s));
    h.server.faults.push({ kind: 'request_lost' });
    h.engine.start();
    await h.engine.syncNow();
    await h.finalize();
    await h.finalize();
    await expect.poll(() => h.engine.getStatus().pending).toBe(2);
    unsubscribe();
    const count = seen.length;
    await h.engine.syncNow();
    expect(seen.length).toBe(count);
    expect(h.engine.getStatus().pending).toBe(0);
  });

  it('syncs when the app becomes visible again', async () => {
    h.engine.start();
    await h.engine.syncNow();
    // Finalized offline: it waits (online, it would go at once).
    h.network.online = false;
    await h.finalize();
    h.document.visibilityState = 'hidden';
    h.document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.engine.getStatus().pending).toBe(1);
    h.network.online = true;
    h.document.visibilityState = 'visible';
    h.document.dispatchEvent(new Event('visibilitychange'));
    await h.engine.syncNow();
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('stop removes listeners and timers', async () => {
    h.engine.start();
    await h.engine.syncNow();
    h.engine.stop();
    expect(h.armed()).toBeUndefined();
    const requests = h.server.requests.length;
    h.window.dispatchEvent(new Event('online'));
    h.document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.server.requests.length).toBe(requests);
  });
});

describe('the first sync of an engine', () => {
  /** A fetch that holds device registrations until released, passing everything else to the fake server. */
  function holdingRegistrations() {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/api/devices')) {
        await held;
        return new Response(JSON.stringify({ registeredAt: '2024-03-01T09:00:00.000Z' }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      return h.server.fetch(input, init);
    };
    return { fetch, release };
  }

  it('with nothing to send, pulls while the device registers and the server key comes', async () => {
    await h.close();
    const holding = holdingRegistrations();
    let keyAsked = false;
    h = await createHarness({
      api: createApiClient({ fetch: holding.fetch, getToken: () => 'token-ok' }),
      registerDevice: true,
      beforePush: () => {
        keyAsked = true;
        return Promise.resolve();
      },
    });
    const syncing = h.engine.syncNow();
    // The pull reaches the server while the registration is still unanswered.
    await vi.waitFor(() => expect(h.server.requests.map((r) => r.path)).toEqual(['/api/sync/pull']));
    expect(keyAsked).toBe(true);
    holding.release();
    await syncing;
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', lastError: null });
  });

  it('with changes waiting, registers and fetches the key before the push, and pulls after it', async () => {
    const order: string[] = [];
    await h.close();
    h = await createHarness({
      beforePush: () => {
        order.push('key');
        return Promise.resolve();
      },
    });
    await h.finalize();
    await h.engine.syncNow();
    expect([...order, ...h.server.requests.map((r) => r.path)]).toEqual([
      'key',
      '/api/sync/push',
      '/api/sync/pull',
    ]);
  });
});
