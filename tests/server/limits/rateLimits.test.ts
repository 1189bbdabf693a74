import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CONTENT_TYPE } from '../../../src/core/sync/media';
import { createApp } from '../../../src/server/app';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEFAULT_LIMITS, type RateLimits, type ServerLimits } from '../../../src/server/limits/config';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import { createStorage } from '../../../src/server/storage/createStorage';
import type { Storage } from '../../../src/server/storage/Storage';
import { backends, TEST_DATABASE_URL, type Backend } from '../backends';
import { newClientId, PASSWORD, setupServer, submission, type TestServer } from '../harness';
import { fakePhoto } from '../media/photoForm';

/**
 * Hole 7 of issue 11: no request rate limits. Push, media (chunks and downloads) and export are counted per
 * user and window in the database and refused with 429 `rate_limited` and Retry-After past the limit.
 */
const RATE: RateLimits = { windowMs: 60_000, push: 3, media: 2, export: 2, public: 2 };
const LIMITS: ServerLimits = { ...DEFAULT_LIMITS, rate: RATE };

describe.each(backends)('rate limits on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend, { limits: LIMITS });
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(() => {
    // A fresh window for the next test.
    server.clock.now = new Date(server.clock.now.getTime() + RATE.windowMs);
  });

  async function expectRateLimited(res: Response, seconds: number) {
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(seconds));
    expect(await res.json()).toMatchObject({
      error: { code: 'rate_limited', details: { retryAfterSeconds: seconds } },
    });
  }

  it('refuses the push past the limit, unapplied, with Retry-After until the window ends', async () => {
    const clientId = newClientId();
    for (let seq = 1; seq <= 3; seq += 1) {
      const { status } = await server.push('agent', clientId, [submission(clientId, seq)]);
      expect(status).toBe(200);
    }
    // 15 s into the window: 45 s remain.
    server.clock.now = new Date(server.clock.now.getTime() + 15_000);
    const refused = submission(clientId, 4);
    const res = await server.request('/api/sync/push', {
      token: await server.login('agent'),
      json: { clientId, mutations: [refused] },
    });
    await expectRateLimited(res, 45);
    expect((await server.pullAll('admin')).map((c) => c.id)).not.toContain(refused.id);

    // Another user has a count of their own.
    const other = newClientId();
    expect((await server.push('agent2', other, [submission(other, 1)])).status).toBe(200);
    // The next window lets the device through, and the seq it resends applies.
    server.clock.now = new Date(server.clock.now.getTime() + 45_000);
    const again = await server.push('agent', clientId, [refused]);
    expect(again.status).toBe(200);
    expect(again.body.results[0]?.status).toBe('applied');
  });

  it('counts media chunks and downloads, not HEAD', async () => {
    const token = await server.login('agent');
    const { bytes, ref } = fakePhoto(3000);
    const path = `/api/media/${ref.sha256}`;
    const chunk = (offset: number, end: number) =>
      server.request(path, {
        method: 'PATCH',
        token,
        body: bytes.slice(offset, end),
        headers: {
          'content-type': CHUNK_CONTENT_TYPE,
          'upload-offset': String(offset),
          'upload-length': String(bytes.byteLength),
        },
      });
    for (let i = 0; i < 5; i += 1)
      expect((await server.request(path, { method: 'HEAD', token })).status).toBe(404);
    expect((await chunk(0, 1000)).status).toBe(200);
    expect((await chunk(1000, 2000)).status).toBe(200);
    await expectRateLimited(await chunk(2000, 3000), 60);
    // Nothing of the refused chunk was stored.
    expect(
      (await server.storage.media.getUpload(ref.sha256, (await server.storage.userByUsername('agent'))!.id))
        ?.received,
    ).toBe(2000);

    server.clock.now = new Date(server.clock.now.getTime() + RATE.windowMs);
    expect((await chunk(2000, 3000)).status).toBe(200);
    expect((await server.request(path, { token })).status).toBe(200);
    await expectRateLimited(await server.request(path, { token }), 60);
  });

  it('counts a sealed file’s finish as one media request', async () => {
    const token = await server.login('focal');
    const finish = () => server.request('/api/media/sealed', { token, json: {} });
    // Refused as malformed, but counted first, once each (the media routes' own checks do not run again).
    expect((await finish()).status).toBe(400);
    expect((await finish()).status).toBe(400);
    await expectRateLimited(await finish(), 60);
  });

  it('counts exports', async () => {
    const token = await server.login('supervisor');
    for (let i = 0; i < 2; i += 1)
      expect((await server.request('/api/export/geojson', { token })).status).toBe(200);
    await expectRateLimited(await server.request('/api/export/geojson', { token }), 60);
  });
});

/** A second Storage on the same database: what another server process would open. */
async function twoProcesses(backend: Backend): Promise<{ a: Storage; b: Storage; close(): Promise<void> }> {
  if (backend.name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'terrain-limits-'));
    const file = join(dir, 'terrain.sqlite');
    const a = createStorage({ kind: 'sqlite', file });
    await a.migrate();
    const b = createStorage({ kind: 'sqlite', file });
    return {
      a,
      b,
      async close() {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const a = createStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
  await a.migrate();
  const b = createStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

describe.each(backends)('rate limits across two server processes on one $name database', (backend) => {
  it('counts the requests of both processes together', async () => {
    const db = await twoProcesses(backend);
    try {
      const now = new Date('2026-11-24T08:00:00.000Z');
      await seedDemo(db.a, { password: PASSWORD, now, passwordCost: TEST_PASSWORD_COST });
      const apps = [db.a, db.b].map((storage) => createApp({ storage, now: () => now, limits: LIMITS }));
      const login = await apps[0]!.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'supervisor', password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      const exportVia = (i: number) =>
        apps[i]!.request('/api/export/geojson', { headers: { authorization: `Bearer ${token}` } });
      expect((await exportVia(0)).status).toBe(200);
      expect((await exportVia(1)).status).toBe(200);
      expect((await exportVia(0)).status).toBe(429);
      expect((await exportVia(1)).status).toBe(429);
    } finally {
      await db.close();
    }
  });
});
