import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBody } from '../../../src/core/sync/errors';
import * as passwords from '../../../src/server/auth/passwords';
import { backends } from '../backends';
import { PASSWORD, setupServer, type TestServer } from '../harness';

// Counts the argon2 verifications the sign-in spends (real or dummy), to show a locked account spends none.
vi.mock('../../../src/server/auth/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof passwords>();
  return {
    ...real,
    verifyPassword: vi.fn(real.verifyPassword),
    spendDummyVerification: vi.fn(real.spendDummyVerification),
  };
});

const verifications = () =>
  vi.mocked(passwords.verifyPassword).mock.calls.length +
  vi.mocked(passwords.spendDummyVerification).mock.calls.length;

describe.each(backends)('sign-in throttling on $name', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend, { trustProxy: true });
  });
  afterEach(async () => {
    await server?.close();
  });

  const login = (username: string, password: string, address?: string) =>
    server.request('/api/auth/login', {
      json: { username, password },
      headers: {
        'user-agent': 'Terrain test (Android 12)',
        ...(address ? { 'x-forwarded-for': address } : {}),
      },
    });
  const later = (seconds: number) => {
    server.clock.now = new Date(server.clock.now.getTime() + seconds * 1000);
  };

  async function retryAfter(res: Response): Promise<number> {
    expect(res.status).toBe(429);
    const header = Number(res.headers.get('retry-after'));
    const body = ErrorBody.parse(await res.json());
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.details).toEqual({ retryAfterSeconds: header });
    return header;
  }

  it('refuses the right password after 50 wrong ones, without verifying it, until the lock ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 50; i += 1) statuses.push((await login('agent', `wrong-password-${i}`)).status);
    // The first five are checked and wrong; from then on the account is locked and nothing is checked.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));

    const before = verifications();
    const refused = await login('agent', PASSWORD);
    expect(await retryAfter(refused)).toBe(60);
    expect(verifications()).toBe(before);

    later(30);
    expect(await retryAfter(await login('agent', PASSWORD))).toBe(30);
    later(30);
    expect((await login('agent', PASSWORD)).status).toBe(200);
  });

  it('locks for twice as long after each lock, up to an hour, and a success starts over', async () => {
    const locks: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      for (let i = 0; i < 5; i += 1) expect((await login('focal', 'wrong-password-x')).status).toBe(401);
      const seconds = await retryAfter(await login('focal', PASSWORD));
      locks.push(seconds);
      later(seconds);
    }
    expect(locks).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect((await login('focal', PASSWORD)).status).toBe(200);
    // The success forgot the failures: four more are not enough for a lock, and the next lock is short again.
    for (let i = 0; i < 4; i += 1) expect((await login('focal', 'wrong-password-x')).status).toBe(401);
    expect((await login('focal', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i += 1) await login('focal', 'wrong-password-x');
    expect(await retryAfter(await login('focal', PASSWORD))).toBe(60);
  });

  it('forgets failures spread out over time', async () => {
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 4; i += 1) expect((await login('agent', 'wrong-password-x')).status).toBe(401);
      later(16 * 60);
    }
    expect((await login('agent', PASSWORD)).status).toBe(200);
  });

  it('throttles an unknown username exactly like a real one', async () => {
    const answers = async (username: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i += 1) {
        const res = await login(username, 'wrong-password-x');
        seen.push([res.status, res.headers.get('retry-after'), await res.json()]);
      }
      return seen;
    };
    expect(await answers('nobody-at-all')).toEqual(await answers('agent2'));
  });

  it('bounds what a burst of concurrent guesses gets, and the lock follows', async () => {
    const before = verifications();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('supervisor', `wrong-password-${i}`)),
    );
    const statuses = burst.map((r) => r.status);
    // At most MAX_IN_FLIGHT (10) are checked at once; the others are turned away before any check.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(5 + 10 - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checked);
    expect(verifications() - before).toBe(checked);
    // Every five failures start a lock, doubling: ten or more checked ones started two.
    expect(await retryAfter(await login('supervisor', PASSWORD))).toBe(checked >= 10 ? 120 : 60);
  });

  it('lets one user sign in on several tablets at the same time', async () => {
    const together = await Promise.all(Array.from({ length: 8 }, () => login('focal', PASSWORD)));
    expect(together.map((r) => r.status)).toEqual(Array.from({ length: 8 }, () => 200));
  });

  it('locks an address after 50 failures on any accounts, and only that address', async () => {
    const team = '192.0.2.10';
    for (let i = 0; i < 50; i += 1) {
      // A different (unknown) account each time: no account reaches its own limit.
      expect((await login(`guess-${i}`, 'wrong-password-x', team)).status).toBe(401);
    }
    expect(await retryAfter(await login('agent', PASSWORD, team))).toBe(60);
    expect((await login('agent', PASSWORD, '192.0.2.11')).status).toBe(200);
    later(60);
    expect((await login('agent', PASSWORD, team)).status).toBe(200);
  });

  it('lets a field team sign in from one address, typos included', async () => {
    const base = '198.51.100.7';
    for (let round = 0; round < 10; round += 1) {
      for (const user of ['agent', 'agent2', 'focal', 'supervisor']) {
        expect((await login(user, 'typo-password-x', base)).status).toBe(401);
        expect((await login(user, PASSWORD, base)).status).toBe(200);
      }
    }
  });

  it('audits each failure with the username tried, and each lock that refuses someone', async () => {
    for (let i = 0; i < 6; i += 1) await login('nobody-at-all', 'wrong-password-x', '192.0.2.20');
    await login('nobody-at-all', 'wrong-password-x', '192.0.2.20');
    const failed = await server.storage.listAudit(100, { action: 'auth.login_failed' });
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatchObject({
      userId: null,
      address: '192.0.2.20',
      userAgent: 'Terrain test (Android 12)',
      details: { username: 'nobody-at-all', reason: 'unknown_user', locked: { account: 60 } },
    });
    expect(failed[1]?.details).toEqual({ username: 'nobody-at-all', reason: 'unknown_user' });
    // Refused twice, audited once: a flood of refused attempts does not flood the log.
    const throttled = await server.storage.listAudit(100, { action: 'auth.throttled' });
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({
      address: '192.0.2.20',
      userAgent: 'Terrain test (Android 12)',
      details: { username: 'nobody-at-all', scope: 'account', retryAfterSeconds: 60 },
    });

    await login('agent', 'wrong-password-x');
    const [wrong] = await server.storage.listAudit(1, { action: 'auth.login_failed' });
    const agent = await server.storage.userByUsername('agent');
    expect(wrong).toMatchObject({
      tbl: 'users',
      recordId: agent?.id,
      details: { username: 'agent', reason: 'wrong_password' },
    });
  });
});
