import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginResponse } from '../../src/core/sync/auth';
import { startServer, type RunningServer } from '../../src/server/main';

describe('startServer on SQLite', () => {
  let dataDir: string;
  let server: RunningServer;
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'terrain-main-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demoPassword: 'demo-password-42' });
  });
  afterAll(async () => {
    await server?.close();
    log.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on a free port with a seeded database', async () => {
    expect(server.port).toBeGreaterThan(0);
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: 'demo-password-42' }),
    });
    expect(LoginResponse.parse(await login.json()).user.role).toBe('agent');
    expect(log.mock.calls.flat().join('\n')).not.toContain('demo-password-42');
  });

  it('does not seed again on a second start', async () => {
    await server.close();
    log.mockClear();
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir });
    expect(log).not.toHaveBeenCalled();
  });
});
