import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './backends';
import { newClientId, setupServer, submission, type TestServer } from './harness';

/**
 * Many small push transactions committing at once while readers pull: a reader must never move its cursor
 * past a row that commits later with a smaller server_seq (it would never receive it). On PostgreSQL the
 * pool runs the transactions really concurrently; on SQLite the one connection serializes them, and this
 * checks that readers interleaved between them still see every row. Two server processes on one PostgreSQL
 * are covered in tests/app/integration/twoServers.test.ts.
 */

const CLIENTS = 12;
const PUSHES_EACH = 12;
const USERS = ['agent', 'agent2', 'focal', 'supervisor'];

describe.each(backends)('pull while pushes commit concurrently ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
    // Logged in before the race, so the race is between pushes and pulls only.
    for (const username of [...USERS, 'admin']) await server.login(username);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('every reader ends with every row, in order, none skipped', async () => {
    let writing = true;
    const pushed: string[] = [];
    const writer = async (index: number) => {
      const username = USERS[index % USERS.length]!;
      const clientId = newClientId();
      for (let seq = 1; seq <= PUSHES_EACH; seq += 1) {
        const mutation = submission(clientId, seq);
        const { status, body } = await server.push(username, clientId, [mutation]);
        expect(status).toBe(200);
        expect(body.results.map((r) => r.status)).toEqual(['applied']);
        pushed.push(mutation.id);
      }
    };
    const reader = async (limit: number) => {
      const seen = new Map<string, number>();
      const disorder: string[] = [];
      let cursor = 0;
      let lastPass = false;
      for (;;) {
        const page = await server.pull('admin', cursor, limit);
        let previous = cursor;
        for (const change of page.changes) {
          if (change.serverSeq <= previous) disorder.push(`${previous} then ${change.serverSeq}`);
          previous = change.serverSeq;
          if (change.table === 'submissions') seen.set(change.id, change.serverSeq);
        }
        cursor = page.cursor;
        if (page.hasMore) continue;
        // One whole pass after the last push has committed.
        if (lastPass) return { seen, disorder };
        if (!writing) lastPass = true;
        // Let the writers run between two reads at the head of the sequence.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };

    const writes = Promise.all(Array.from({ length: CLIENTS }, (_, i) => writer(i))).finally(() => {
      writing = false;
    });
    const [, ...reads] = await Promise.all([writes, reader(1000), reader(1000), reader(3)]);

    const everything = await server.pullAll('admin', 1000);
    const all = new Map(
      everything.filter((c) => c.table === 'submissions').map((c) => [c.id, c.serverSeq] as const),
    );
    expect([...all.keys()].sort()).toEqual([...pushed].sort());
    expect(all.size).toBe(CLIENTS * PUSHES_EACH);
    for (const { seen, disorder } of reads) {
      expect(disorder).toEqual([]);
      expect(seen).toEqual(all);
    }
  }, 60_000);
});
