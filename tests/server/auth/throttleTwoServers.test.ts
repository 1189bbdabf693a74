import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  postgresDatabase,
  removeBuiltServer,
  startServerProcess,
  type ServerProcess,
} from '../../app/integration/serverProcess';
import { backends } from '../backends';

/**
 * Sign-in throttling holds across server processes: two real `serve` processes on one PostgreSQL schema, as
 * behind a load balancer. Failures spread over both add up, and the lock they reach holds on both, because
 * the counts live in the database, not in either process.
 */

const hasPostgres = backends.some((b) => b.name === 'postgres');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);
afterAll(() => removeBuiltServer());

async function login(origin: string, username: string, password: string, address?: string) {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // The servers trust X-Forwarded-For (TRUST_PROXY=1), as behind a real load balancer.
      ...(address ? { 'x-forwarded-for': address } : {}),
    },
    body: JSON.stringify({ username, password }),
  });
  await res.body?.cancel();
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after')) };
}

describe.skipIf(!hasPostgres)('sign-in throttling across two server processes on one PostgreSQL', () => {
  it('adds up failures made through either server, and the lock holds on both', async () => {
    const database = await postgresDatabase();
    cleanups.push(() => database.remove());
    const behindProxy = { ...database, env: { ...database.env, TRUST_PROXY: '1' } };
    // One after the other: the first migrates and seeds the demo, the second finds it.
    const servers: ServerProcess[] = [];
    for (let i = 0; i < 2; i += 1) {
      const server = await startServerProcess(behindProxy);
      cleanups.push(() => server.stop());
      servers.push(server);
    }
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const either = (i: number) => (i % 2 ? b.origin : a.origin);

    // An account: five failures, alternating servers, lock it on both, the right password included.
    for (let i = 0; i < 5; i += 1)
      expect((await login(either(i), 'agent', `wrong-password-${i}`)).status).toBe(401);
    for (const origin of [a.origin, b.origin]) {
      const refused = await login(origin, 'agent', DEMO_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toBeGreaterThan(0);
      expect(refused.retryAfter).toBeLessThanOrEqual(60);
    }

    // A burst of concurrent guesses split over both servers: at most 10 are checked at once, then the lock.
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(either(i), 'supervisor', `wrong-password-${i}`)),
    );
    const checked = burst.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(14);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(30 - checked);
    for (const origin of [a.origin, b.origin])
      expect((await login(origin, 'supervisor', DEMO_PASSWORD)).status).toBe(429);

    // An address: fifty failures on fifty usernames, spread over both servers, lock it on both.
    const address = '203.0.113.5';
    for (let i = 0; i < 50; i += 1)
      expect((await login(either(i), `guess-${i}`, 'wrong-password-x', address)).status).toBe(401);
    for (const origin of [a.origin, b.origin])
      expect((await login(origin, 'focal', DEMO_PASSWORD, address)).status).toBe(429);
    // Other addresses and accounts are not locked.
    expect((await login(b.origin, 'focal', DEMO_PASSWORD, '203.0.113.6')).status).toBe(200);
  });
});
