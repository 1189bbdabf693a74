import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../../src/core/sync/auth';
import { ErrorBody } from '../../../src/core/sync/errors';
import { tokenTtlDaysFromEnv } from '../../../src/server/auth/tokens';
import { backends } from '../backends';
import { PASSWORD, setupServer, type TestServer } from '../harness';

describe('TOKEN_TTL_DAYS', () => {
  it('reads a positive number of days, the default when unset, and refuses anything else', () => {
    expect([undefined, '', '7', '0.5', '365'].map(tokenTtlDaysFromEnv)).toEqual([30, 30, 7, 0.5, 365]);
    for (const bad of ['0', '-1', '366', 'abc', '7d', '1e3', 'Infinity'])
      expect(() => tokenTtlDaysFromEnv(bad)).toThrow(/TOKEN_TTL_DAYS/);
  });
});

describe.each(backends)('a token lifetime of 7 days on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend, { tokenTtlDays: 7 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('expires sessions after 7 days', async () => {
    const res = await server.request('/api/auth/login', { json: { username: 'agent', password: PASSWORD } });
    const { token, expiresAt } = LoginResponse.parse(await res.json());
    const start = server.clock.now;
    expect(Date.parse(expiresAt) - start.getTime()).toBe(7 * 24 * 3600_000);
    try {
      server.clock.now = new Date(start.getTime() + 7 * 24 * 3600_000 - 1);
      expect((await server.request('/api/me', { token })).status).toBe(200);
      server.clock.now = new Date(start.getTime() + 7 * 24 * 3600_000);
      const expired = await server.request('/api/me', { token });
      expect(ErrorBody.parse(await expired.json()).error.code).toBe('token_expired');
    } finally {
      server.clock.now = start;
    }
  });
});
