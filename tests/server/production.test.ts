import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { fixture, formUpload } from './forms/fixtureFiles';

/**
 * The built server as production runs it: `node dist-server/cli.js serve` in a directory holding only the
 * build, package.json and the production dependencies (the lockfile's packages not marked dev), linked from
 * this checkout's node_modules and resolved through the links (--preserve-symlinks), so that a dev-only
 * import fails here. The real `npm ci --omit=dev` takes about a minute (better-sqlite3 compiles): CI runs it
 * once, in .ci/production-check.
 */
const root = resolve(import.meta.dirname, '../..');
const PASSWORD = 'production-test-password';
const METRICS_TOKEN = 'production-metrics-token';

function productionNodeModules(into: string): void {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level packages only: nested ones come inside their parent's directory.
    if (!path.startsWith('node_modules/') || path.lastIndexOf('node_modules/') !== 0 || entry.dev) continue;
    const source = join(root, path);
    if (!existsSync(source)) continue; // an optional package for another platform
    const target = join(into, path);
    mkdirSync(resolve(target, '..'), { recursive: true });
    symlinkSync(source, target, 'dir');
  }
}

describe('the compiled server with production dependencies only', () => {
  let dir: string;
  let child: ChildProcess;
  let url: string;
  let port: number;
  const stdout: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terrain-production-'));
    await buildServer(join(dir, 'dist-server'));
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(root, file), join(dir, file));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>Terrain</title><p>built app</p>');
    productionNodeModules(dir);
    child = spawn(
      process.execPath,
      ['--preserve-symlinks', '--preserve-symlinks-main', 'dist-server/cli.js', 'serve'],
      {
        cwd: dir,
        // Nothing of this process's environment (a DATABASE_URL, tsx's loader in NODE_OPTIONS).
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          DATA_DIR: join(dir, 'data'),
          DEMO_PASSWORD: PASSWORD,
          METRICS_TOKEN,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    url = await new Promise<string>((resolveUrl, reject) => {
      let buffer = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        stdout.push(...lines);
        const listening = lines.map((l) => /listening at (http:\/\/\S+)/.exec(l)?.[1]).find(Boolean);
        if (listening) resolveUrl(listening);
      });
      child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
    });
    port = Number(new URL(url).port);
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /api/health and /api/ready, and serves index.html', async () => {
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    expect((await fetch(`${url}/api/ready`)).status).toBe(200);
    const page = await fetch(`${url}/some/client/route`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('built app');
  });

  it('logs JSON lines with the request id, and serves /metrics to its token', async () => {
    const res = await fetch(`${url}/api/me?x=1`, { headers: { 'x-request-id': 'prod-check-1' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('prod-check-1');
    const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(await metrics.text()).toContain(
      'terrain_http_requests_total{method="GET",route="/api/me",status="401"} 1',
    );
    await new Promise((r) => setTimeout(r, 50));
    const line = stdout.find((l) => l.includes('prod-check-1'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      level: 'info',
      msg: 'request',
      path: '/api/me',
      status: 401,
    });
  });

  it('reads a form in its worker thread (dist-server/formWorker.js)', async () => {
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${url}/api/projects/${DEMO_PROJECT.id}/forms/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: formUpload(fixture('group.xlsx'), 'group.xlsx'),
    });
    expect(res.status).toBe(200);
  });

  it('on SIGTERM answers the request under way, then exits 0', async () => {
    const body = JSON.stringify({ username: 'agent', password: PASSWORD });
    const answer = new Promise<number>((resolveStatus, reject) => {
      const req = request(
        {
          port,
          host: '127.0.0.1',
          path: '/api/auth/login',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => res.resume().on('end', () => resolveStatus(res.statusCode ?? 0)),
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => child.kill('SIGTERM'), 100);
      setTimeout(() => req.end(body.slice(5)), 600);
    });
    const exited = once(child, 'exit');
    expect(await answer).toBe(200);
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(stdout.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  });
});
