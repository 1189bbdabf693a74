import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, MeResponse } from '../../src/core/sync/auth';
import { ErrorBody } from '../../src/core/sync/errors';
import { hashToken } from '../../src/server/auth/tokens';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { backends } from './backends';
import { OTHER_PROJECT, PASSWORD, setupServer, type TestServer } from './harness';

describe.each(backends)('auth on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  const login = (username: string, password: string) =>
    server.request('/api/auth/login', { json: { username, password } });

  it('logs in and stores only the hash of the token', async () => {
    const res = await login('agent', PASSWORD);
    expect(res.status).toBe(200);
    const body = LoginResponse.parse(await res.json());
    expect(body.user).toMatchObject({ username: 'agent', role: 'agent' });
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    expect(Date.parse(body.expiresAt) - server.clock.now.getTime()).toBe(30 * 24 * 3600 * 1000);
    const stored = await server.storage.tokenByHash(hashToken(body.token));
    expect(stored?.userId).toBe(body.user.id);
    expect(await server.storage.tokenByHash(body.token)).toBeUndefined();
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await login('agent', 'not-the-password');
    const unknown = await login('nobody', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = ErrorBody.parse(await wrong.json());
    const b = ErrorBody.parse(await unknown.json());
    expect(a.error.code).toBe('invalid_credentials');
    expect(b).toEqual(a);
  });

  it('validates the login body', async () => {
    const res = await server.request('/api/auth/login', { json: { username: 'a b c', password: '' } });
    expect(res.status).toBe(400);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('validation');
  });

  it('requires a token', async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'Basic abc' },
    ];
    for (const headers of cases) {
      const res = await server.request('/api/me', { headers });
      expect(res.status).toBe(401);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('unauthenticated');
    }
    const unknown = await server.request('/api/me', { token: 'x'.repeat(43) });
    expect(ErrorBody.parse(await unknown.json()).error.code).toBe('unauthenticated');
  });

  it('answers /api/me with the member projects, and every project for an admin', async () => {
    const agent = MeResponse.parse(
      await (await server.request('/api/me', { token: await server.login('agent') })).json(),
    );
    expect(agent.user.username).toBe('agent');
    expect(agent.projects).toEqual([DEMO_PROJECT.id]);
    const outsider = await server.request('/api/me', { token: await server.login('outsider') });
    expect(MeResponse.parse(await outsider.json()).projects).toEqual([OTHER_PROJECT]);
    const admin = await server.request('/api/me', { token: await server.login('admin') });
    expect(MeResponse.parse(await admin.json()).projects.sort()).toEqual(
      [OTHER_PROJECT, DEMO_PROJECT.id].sort(),
    );
  });

  it('expires tokens after 30 days', async () => {
    const { token } = LoginResponse.parse(await (await login('focal', PASSWORD)).json());
    const saved = server.clock.now;
    try {
      server.clock.now = new Date(saved.getTime() + 29 * 24 * 3600 * 1000);
      expect((await server.request('/api/me', { token })).status).toBe(200);
      server.clock.now = new Date(saved.getTime() + 30 * 24 * 3600 * 1000 + 1);
      const res = await server.request('/api/me', { token });
      expect(res.status).toBe(401);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('token_expired');
    } finally {
      server.clock.now = saved;
    }
  });

  it('revokes the token on logout', async () => {
    const { token } = LoginResponse.parse(await (await login('supervisor', PASSWORD)).json());
    expect((await server.request('/api/me', { token })).status).toBe(200);
    const out = await server.request('/api/auth/logout', { method: 'POST', token });
    expect(out.status).toBe(200);
    const after = await server.request('/api/me', { token });
    expect(after.status).toBe(401);
    expect(ErrorBody.parse(await after.json()).error.code).toBe('unauthenticated');
    expect((await server.request('/api/sync/pull', { token })).status).toBe(401);
  });

  it('records logins in the audit log', async () => {
    const entries = await server.storage.listAudit(100);
    expect(entries.some((e) => e.action === 'auth.login')).toBe(true);
  });
});
