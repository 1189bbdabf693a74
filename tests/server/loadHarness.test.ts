import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage, startServer } from '../../src/server/main';
import { FIELD_HABITS } from '../bench/load/device';
import { prepareLoadDatabase } from '../bench/load/fixture';
import { httpClient } from '../bench/load/http';
import { assertLoopback } from '../bench/load/loopback';
import { roundRobinProxy } from '../bench/load/roundRobinProxy';
import { runScenario } from '../bench/load/scenario';
import { percentile } from '../bench/load/stats';

/** The load benchmark's own parts (tests/bench/load.ts): its figures are only as good as these. */
describe('load harness', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([], 95)).toBeNaN();
  });

  it('hands requests to its upstreams in turn', async () => {
    const upstreams: Server[] = [];
    for (const name of ['a', 'b']) {
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.end(name));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      upstreams.push(server);
    }
    const proxy = await roundRobinProxy(upstreams.map((s) => ({ port: (s.address() as AddressInfo).port })));
    const http = httpClient(proxy.origin);
    try {
      const answers: string[] = [];
      for (let n = 0; n < 5; n += 1)
        answers.push((await http.call('POST', '/x', { body: 'hello' })).body.toString());
      expect(answers).toEqual(['a', 'b', 'a', 'b', 'a']);
      expect(proxy.counts).toEqual([3, 2]);
    } finally {
      http.close();
      await proxy.close();
      for (const server of upstreams) await new Promise((resolve) => server.close(resolve));
    }
  });

  it('talks to 127.0.0.1 only', () => {
    expect(() => assertLoopback('http://localhost:8080')).toThrow(/127\.0\.0\.1 only/);
    expect(() => httpClient('http://10.0.0.1:80')).toThrow(/127\.0\.0\.1 only/);
    expect(() => assertLoopback('http://127.0.0.1:8080')).not.toThrow();
  });

  it('runs three devices against a server without an error, and stops by itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'terrain-load-test-'));
    const storage = await openStorage({ dataDir, log: () => undefined });
    const accounts = await prepareLoadDatabase(storage, 3, { cheapHashes: true });
    await storage.close();
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, seed: false });
    try {
      const started = performance.now();
      const { log } = await runScenario({
        origin: `http://127.0.0.1:${server.port}`,
        accounts,
        rampMs: 300,
        durationMs: 1700,
        // Short thinks and every other submission with a photo: every kind of request in two seconds.
        habits: { ...FIELD_HABITS, thinkMs: [50, 150], photoShare: 0.5, photoBytes: [20_000, 60_000] },
      });
      expect(log.errorSamples).toEqual([]);
      expect(log.errors).toBe(0);
      expect(log.of('login')).toHaveLength(3);
      expect(log.of('pull').length).toBeGreaterThan(3);
      expect(log.of('push').length).toBeGreaterThan(3);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
