import { request, Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/main';
import { silentLogger } from '../../../src/server/observe/log';

/** A login whose body arrives in two parts, `gapMs` apart: a request that is under way for that long. */
function slowLogin(
  port: number,
  gapMs: number,
  midway: () => void,
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ username: 'agent', password: 'demo-password-42' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        path: '/api/auth/login',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    setTimeout(midway, 50);
    setTimeout(() => req.end(body.slice(10)), gapMs);
  });
}

describe('a graceful stop', () => {
  let dataDir: string;
  let server: RunningServer;
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'terrain-shutdown-'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      demoPassword: 'demo-password-42',
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await server?.close();
    log.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the request under way, refuses new connections, then closes', async () => {
    // An idle keep-alive connection must not hold the stop open.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      request({ port: server.port, host: '127.0.0.1', path: '/api/health', agent }, (res) =>
        res.resume().on('end', resolve),
      ).end(),
    );

    let closed: Promise<void> | undefined;
    let newcomer: Promise<string> | undefined;
    let closedAt = 0;
    const answer = await slowLogin(server.port, 600, () => {
      closed = server.close().then(() => {
        closedAt = Date.now();
      });
      newcomer = fetch(`${server.url}/api/health`).then(
        () => 'answered',
        () => 'refused',
      );
    });
    const answeredAt = Date.now();
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"token"');
    await closed;
    // (The server may close a moment before this process has read the end of the answer: no lower bound.)
    // Well before the 10 s grace: the stop waits for requests, not for the idle connection.
    expect(closedAt - answeredAt).toBeLessThan(5000);
    // Asked while the login was still under way: the server no longer listened.
    expect(await newcomer).toBe('refused');
    agent.destroy();
  });

  it('cuts what is still under way after the grace period', async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logger: silentLogger,
      shutdownGraceMs: 200,
    });
    const started = Date.now();
    const answer = slowLogin(server.port, 3000, () => void server.close());
    await expect(answer).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
