import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { PullResponse, PushResponse, type Mutation } from '../../../src/core/sync/protocol';
import { DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import { createHttpDevice, realisticAnswers, type HttpDevice } from './httpDevice';
import { serverView, withoutLocalState } from './realServer';
import {
  DEMO_PASSWORD,
  postgresDatabase,
  removeBuiltServer,
  startServerProcess,
  type ServerProcess,
} from './serverProcess';

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer. Devices push to either, one
 * device alternates between them, and readers pull small pages from both while the writes commit. A reader
 * whose cursor passed a row that committed later with a smaller server_seq would never receive it: every
 * reader must end with exactly the server's set.
 *
 * Besides the real sync engine, raw protocol clients hammer both servers with one-mutation pushes (many
 * small concurrent transactions, the case most likely to commit out of order) and one-row pulls.
 */

const hasPostgres = backends.some((b) => b.name === 'postgres');

const RAW_PUSHERS = 8;
const RAW_PUSHES_EACH = 20;
const DEVICE_SUBMISSIONS = 18;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);
afterAll(() => removeBuiltServer());

async function login(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function rawMutation(clientId: string, seq: number): Mutation {
  const at = new Date().toISOString();
  return {
    mutationId: randomUUID(),
    clientId,
    seq,
    hlc: encodeHlc({ wall: Date.now(), counter: 0, node: clientId }),
    table: 'submissions',
    id: randomUUID(),
    op: 'put',
    fields: {
      formId: DEMO_FORM.id,
      formVersion: DEMO_FORM.version,
      projectId: DEMO_PROJECT.id,
      data: realisticAnswers(seq),
      startedAt: at,
      finalizedAt: at,
      replaces: null,
    },
  };
}

/** A protocol-level reader, recording what it saw so the order can be checked. */
interface RawReader {
  seen: Map<string, number>;
  pages: number;
  /** Pages that were not in increasing serverSeq order after the cursor. */
  disorder: string[];
}

describe.skipIf(!hasPostgres)('two server processes on one PostgreSQL', () => {
  it('every reader of either server converges to every row, none skipped', async () => {
    const database = await postgresDatabase();
    cleanups.push(() => database.remove());
    // One after the other: the first seeds the demo, the second finds it.
    const servers: ServerProcess[] = [];
    for (let i = 0; i < 2; i += 1) {
      const server = await startServerProcess(database);
      cleanups.push(() => server.stop());
      servers.push(server);
    }
    const [a, b] = servers as [ServerProcess, ServerProcess];
    let turn = 0;
    const alternate = () => (turn++ % 2 ? b.origin : a.origin);

    const open = async (username: string, origin: () => string, pullLimit = 500) => {
      const device = await createHttpDevice({
        origin,
        username,
        password: DEMO_PASSWORD,
        engine: { maxBatchMutations: 3, pullLimit },
      });
      cleanups.push(() => device.close());
      expect(await device.sync()).toBe(true);
      return device;
    };
    const writers = [
      await open('agent', () => a.origin),
      await open('agent', () => b.origin),
      await open('supervisor', alternate),
    ];
    // Readers that keep up with the writes (where a skipped row would show) and one that lags behind.
    const readers = [
      await open('focal', () => a.origin),
      await open('admin', () => b.origin),
      await open('admin', alternate, 2),
    ];

    let writing = true;
    const write = async (device: HttpDevice, index: number) => {
      for (let n = 0; n < DEVICE_SUBMISSIONS; n += 1) {
        await device.finalize(realisticAnswers(index * 1000 + n));
        if (n % 3 === 2) expect(await device.sync()).toBe(true);
      }
      expect(await device.sync()).toBe(true);
    };
    const rawPush = async (index: number) => {
      const origin = index % 2 ? b.origin : a.origin;
      const token = await login(origin, 'focal');
      const clientId = `raw${index}${randomUUID().replaceAll('-', '')}`.slice(0, 40);
      for (let seq = 1; seq <= RAW_PUSHES_EACH; seq += 1) {
        const res = await fetch(`${origin}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ protocol: 1, clientId, mutations: [rawMutation(clientId, seq)] }),
        });
        expect(res.status).toBe(200);
        const body = PushResponse.parse(await res.json());
        expect(body.results.map((r) => r.status)).toEqual(['applied']);
      }
    };
    const rawRead = async (reader: RawReader, origins: string[], limit: number) => {
      const tokens = await Promise.all(origins.map((origin) => login(origin, 'admin')));
      let cursor = 0;
      let done = false;
      for (let i = 0; ; i += 1) {
        const k = i % origins.length;
        const res = await fetch(`${origins[k]}/api/sync/pull?cursor=${cursor}&limit=${limit}`, {
          headers: { authorization: `Bearer ${tokens[k]}` },
        });
        const page = PullResponse.parse(await res.json());
        reader.pages += 1;
        let previous = cursor;
        for (const change of page.changes) {
          if (change.serverSeq <= previous) reader.disorder.push(`${previous} then ${change.serverSeq}`);
          previous = change.serverSeq;
          if (change.table === 'submissions') reader.seen.set(change.id, change.serverSeq);
        }
        cursor = page.cursor;
        if (!page.hasMore) {
          // One full pass after the last write has committed, then stop.
          if (done) return;
          if (!writing) done = true;
        }
      }
    };
    const rawReaders: RawReader[] = Array.from({ length: 3 }, () => ({
      seen: new Map(),
      pages: 0,
      disorder: [],
    }));
    const readAll = async (device: HttpDevice) => {
      while (writing) if (!(await device.sync())) await sleep(10);
      expect(await device.sync()).toBe(true);
    };

    const writes = Promise.all([
      ...writers.map((device, i) => write(device, i)),
      ...Array.from({ length: RAW_PUSHERS }, (_, i) => rawPush(i)),
    ]).finally(() => (writing = false));
    await Promise.all([
      writes,
      ...readers.map(readAll),
      rawRead(rawReaders[0]!, [a.origin], 1000),
      rawRead(rawReaders[1]!, [b.origin], 1000),
      rawRead(rawReaders[2]!, [a.origin, b.origin], 3),
    ]);

    const storage = await database.open();
    cleanups.push(() => storage.close());
    const view = await serverView(storage);
    const expected = writers.length * DEVICE_SUBMISSIONS + RAW_PUSHERS * RAW_PUSHES_EACH;
    expect(view.submissions.size).toBe(expected);
    expect([...view.creations.values()].every((n) => n === 1)).toBe(true);
    const all = [...view.submissions.keys()].sort();

    for (const reader of rawReaders) {
      expect(reader.disorder).toEqual([]);
      expect([...reader.seen.keys()].sort()).toEqual(all);
      for (const [id, serverSeq] of reader.seen) expect(serverSeq).toBe(view.submissions.get(id)?.serverSeq);
    }
    for (const device of readers) {
      const pulled = await device.db.submissions.toArray();
      expect(pulled.map((s) => s.id).sort()).toEqual(all);
      for (const s of pulled) expect(withoutLocalState(s)).toEqual(view.submissions.get(s.id)?.data);
    }
    for (const device of writers) expect(await device.db.outbox.count()).toBe(0);
  }, 180_000);
});
