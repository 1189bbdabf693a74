import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { createLogger } from '../../../src/server/observe/log';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

const METRICS_TOKEN = 'metrics-secret-token-0123456789';

describe.each(backends)('request ids, logs, metrics and probes on $name', (backend) => {
  let server: TestServer;
  const lines: string[] = [];
  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    server = await setupServer(backend, { log, metricsToken: METRICS_TOKEN });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps a sane incoming X-Request-Id, replaces any other, and echoes it', async () => {
    const kept = await server.request('/api/health', { headers: { 'x-request-id': 'proxy-42.a:b' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-42.a:b');
    const replaced = await server.request('/api/health', {
      headers: { 'x-request-id': 'bad id\twith "quotes"' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await server.request('/api/nope');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON line per request, without query string, token or username', async () => {
    lines.length = 0;
    const token = await server.login('agent');
    const res = await server.request('/api/sync/pull?cursor=0&secret=hidden-query', {
      token,
      headers: { 'x-request-id': 'pull-1', cookie: 'session=cookie-value' },
    });
    expect(res.status).toBe(200);
    const pull = logged().find((l) => l.reqId === 'pull-1');
    expect(pull).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/api/sync/pull',
      status: 200,
    });
    expect(Object.keys(pull ?? {}).slice(0, 3)).toEqual(['time', 'level', 'msg']);
    expect(typeof pull?.ms).toBe('number');
    const all = lines.join('\n');
    for (const secret of ['hidden-query', token, 'cookie-value', 'agent', 'test-password-1'])
      expect(all).not.toContain(secret);
  });

  it('answers /api/health and /api/ready', async () => {
    expect(await (await server.request('/api/health')).json()).toEqual({
      status: 'ok',
      database: backend.name,
    });
    const ready = await server.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: backend.name });
  });

  it('serves /metrics only with the token', async () => {
    expect((await server.request('/metrics')).status).toBe(401);
    expect((await server.request('/metrics', { token: 'wrong' })).status).toBe(401);
    const res = await server.request('/metrics', { token: METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  });

  it('counts requests by route pattern, and pushes and pulls', async () => {
    const clientId = newClientId();
    const pushed = await server.push('agent', clientId, [submission(clientId, 1), submission(clientId, 2)]);
    expect(pushed.status).toBe(200);
    await server.push('agent', clientId, [submission(clientId, 2)]);
    const adminToken = await server.login('admin');
    await server.request('/api/users/some-id-123/role', { method: 'POST', token: adminToken, json: {} });
    await server.pull('agent');
    const text = await (await server.request('/metrics', { token: METRICS_TOKEN })).text();
    expect(text).toContain('# TYPE terrain_http_requests_total counter');
    expect(text).toMatch(
      /terrain_http_requests_total\{method="POST",route="\/api\/sync\/push",status="200"\} 2/,
    );
    expect(text).toContain('route="/api/users/:id/role"');
    expect(text).not.toContain('some-id-123');
    expect(text).toMatch(
      /terrain_http_request_duration_seconds_bucket\{method="GET",route="\/api\/sync\/pull",le="\+Inf"\} \d+/,
    );
    expect(text).toContain('terrain_sync_pushes_total 2');
    expect(text).toContain('terrain_sync_mutations_total{result="applied"} 2');
    expect(text).toContain('terrain_sync_mutations_total{result="duplicate"} 1');
    expect(text).toMatch(/terrain_sync_pulls_total \d+/);
  });

  it('is not ready with a migration pending or the database unreachable', async () => {
    const { storage, cleanup } = await backend.create();
    const pending = createApp({
      storage: Object.assign(Object.create(storage) as typeof storage, {
        pendingMigrations: () => Promise.resolve(['2099-01-01-next']),
      }),
    });
    const res = await pending.request('/api/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'unavailable',
      reason: 'migrations_pending',
      pending: ['2099-01-01-next'],
    });
    await cleanup();
    const gone = await createApp({ storage }).request('/api/ready');
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ status: 'unavailable', reason: 'database_unreachable' });
    // Alive all the same: a restart would not bring the database back.
    expect((await createApp({ storage }).request('/api/health')).status).toBe(200);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  it('does not exist, even where the PWA answers every other path', async () => {
    const { storage, cleanup } = await backends[0]!.create();
    const staticDir = mkdtempSync(join(tmpdir(), 'terrain-metrics-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    const app = createApp({ storage, staticDir });
    expect((await app.request('/somewhere')).status).toBe(200);
    const res = await app.request('/metrics', { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    rmSync(staticDir, { recursive: true, force: true });
    await cleanup();
  });
});
