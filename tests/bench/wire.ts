/**
 * Bytes on the wire to sync 1,000 submissions of the demo form with the real client sync code (pushOutbox on
 * the agent's device, pullChanges on the focal point's) against the real server over real HTTP, counted by a
 * TCP proxy in front of it: request and status lines, headers, chunked framing and bodies, both ways.
 *
 * Figures:
 * - sync.wire_per_gzip_json: bytes per leg (upload by one device, download by another; the data crosses the
 *   wire once on each) divided by the gzip size of the submissions' JSON: what the protocol costs over the
 *   data itself, gzipped as well as it can be in one piece. Goal ≤ 1.2.
 * - sync.wire_per_openrosa: the same bytes per leg divided by what sending the same submissions the OpenRosa
 *   way costs (openRosa.ts; an upload only: ODK Collect has no download of submissions).
 * - the legs apart (push, pull), where the bytes go (headers, bodies), and the echo: what the agent's own
 *   next pull downloads again (its own submissions come back).
 *
 * Requests carry the headers a browser adds to a same-origin fetch (Chrome on Android): a PWA pays them.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pullChanges } from '../../src/app/sync/pull';
import { pushOutbox } from '../../src/app/sync/push';
import { Submission } from '../../src/core/records/submission';
import { TEST_PASSWORD_COST } from '../../src/server/auth/passwords';
import { openStorage, startServer } from '../../src/server/main';
import { DEMO_FORM } from '../../src/server/seed/demoForm';
import { seedDemo } from '../../src/server/seed/demoSeed';
import { createHttpDevice, realisticAnswers } from '../app/integration/httpDevice';
import { countingProxy, splitHttp, type CountingProxy, type HttpBytes } from './countingProxy';
import { openRosaServer, uploadLikeCollect } from './openRosa';
import { report } from './report';

const SUBMISSIONS = 1_000;
const PASSWORD = 'bench-password';
const SITE = 'https://terrain.example.org';

/** What Chrome on Android adds to a same-origin `fetch` with `credentials: 'omit'`. */
function browserHeaders(method: string): Record<string, string> {
  return {
    'user-agent':
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    'sec-ch-ua': '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    'sec-ch-ua-mobile': '?1',
    'sec-ch-ua-platform': '"Android"',
    'accept-encoding': 'gzip, deflate, br, zstd',
    'accept-language': 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
    referer: `${SITE}/`,
    priority: 'u=1, i',
    ...(method === 'GET' ? {} : { origin: SITE }),
  };
}

interface Leg {
  bytes: number;
  requests: number;
  up: HttpBytes;
  down: HttpBytes;
}

function total(parts: HttpBytes[]): HttpBytes {
  return parts.reduce(
    (sum, p) => ({
      messages: sum.messages + p.messages,
      head: sum.head + p.head,
      body: sum.body + p.body,
      framing: sum.framing + p.framing,
    }),
    { messages: 0, head: 0, body: 0, framing: 0 },
  );
}

/** Counts what `work` puts through the proxy. */
async function leg(proxy: CountingProxy, work: () => Promise<unknown>): Promise<Leg> {
  proxy.reset();
  await work();
  // The last response's end may still be on its way through the proxy.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const up = total(proxy.captured.map((c) => splitHttp(c.up)));
  const down = total(proxy.captured.map((c) => splitHttp(c.down)));
  return { bytes: proxy.up + proxy.down, requests: up.messages, up, down };
}

/** The submissions as the server stores them, in the order they were made. */
async function storedSubmissions(dataDir: string): Promise<Submission[]> {
  const storage = await openStorage({ dataDir });
  try {
    const admin = await storage.userByUsername('admin');
    if (!admin) throw new Error('no admin');
    const rows = await storage.pullChanges(
      { userId: admin.id, allProjects: true, ownSubmissionsOnly: false },
      0,
      1e6,
    );
    return rows.filter((r) => r.tbl === 'submissions').map((r) => Submission.parse(r.data));
  } finally {
    await storage.close();
  }
}

export async function benchWire(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-wire-'));
  // Seeded beforehand with cheap hashes, so the server has no accounts to announce on start.
  const seeding = await openStorage({ dataDir: dir });
  await seedDemo(seeding, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST });
  await seeding.close();
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir });
  const proxy = await countingProxy({ host: '127.0.0.1', port: server.port });
  const collect = await openRosaServer();
  const collectProxy = await countingProxy({ host: '127.0.0.1', port: collect.port });
  try {
    const device = (username: string) =>
      createHttpDevice({ origin: () => proxy.origin, username, password: PASSWORD, headers: browserHeaders });
    const agent = await device('agent');
    const focal = await device('focal');
    for (const d of [agent, focal]) if (!(await d.sync())) throw new Error('first sync failed');
    for (let n = 0; n < SUBMISSIONS; n += 1) await agent.finalize(realisticAnswers(n));

    const push = await leg(proxy, () =>
      pushOutbox(agent.db, agent.api, { now: () => Date.now(), onProgress: () => undefined }),
    );
    const pull = await leg(proxy, () => pullChanges(focal.db, focal.api));
    const echo = await leg(proxy, () => pullChanges(agent.db, agent.api));

    if ((await focal.db.submissions.count()) !== SUBMISSIONS) throw new Error('focal missed submissions');
    const submissions = await storedSubmissions(dir);
    const json = JSON.stringify(submissions);
    const gzip = gzipSync(json).byteLength;

    collectProxy.reset();
    await uploadLikeCollect(collectProxy.origin, DEMO_FORM, submissions);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (collect.received !== SUBMISSIONS) throw new Error(`OpenRosa received ${collect.received}`);
    const openRosa = collectProxy.up + collectProxy.down;

    const perLeg = (push.bytes + pull.bytes) / 2;
    report('sync.wire_per_gzip_json', (perLeg / gzip).toFixed(2));
    report('sync.wire_per_openrosa', (perLeg / openRosa).toFixed(2));
    report('sync.wire_push_per_gzip_json', (push.bytes / gzip).toFixed(2));
    report('sync.wire_pull_per_gzip_json', (pull.bytes / gzip).toFixed(2));
    report('sync.wire_push_per_openrosa', (push.bytes / openRosa).toFixed(2));
    report('sync.wire_echo_per_gzip_json', (echo.bytes / gzip).toFixed(2));
    report('sync.json_bytes_1k', json.length);
    report('sync.gzip_json_bytes_1k', gzip);
    report('sync.openrosa_bytes_1k', openRosa);
    for (const [name, l] of [
      ['push', push],
      ['pull', pull],
    ] as const) {
      report(`sync.wire_${name}_bytes`, l.bytes);
      report(`sync.wire_${name}_requests`, l.requests);
      report(`sync.wire_${name}_request_heads`, l.up.head);
      report(`sync.wire_${name}_request_bodies`, l.up.body);
      report(`sync.wire_${name}_response_heads`, l.down.head);
      report(`sync.wire_${name}_response_bodies`, l.down.body + l.down.framing);
    }
    await agent.close();
    await focal.close();
  } finally {
    await proxy.close();
    await collectProxy.close();
    await collect.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
