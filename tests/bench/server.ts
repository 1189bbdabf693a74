/**
 * Server push throughput through the real HTTP app (routing, zod validation, answers schema, transaction),
 * on an SQLite file with synchronous=FULL and on PostgreSQL.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { encodeHlc } from '../../src/core/hlc';
import type { Mutation } from '../../src/core/sync/protocol';
import { createApp } from '../../src/server/app';
import { TEST_PASSWORD_COST } from '../../src/server/auth/passwords';
import { DEMO_ANSWERS, DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { seedDemo } from '../../src/server/seed/demoSeed';
import { createStorage } from '../../src/server/storage/createStorage';
import type { Storage } from '../../src/server/storage/Storage';
import { median, report, timeMs } from './report';

const MUTATIONS = 6_000;
const ROUNDS = 3;
const WARM_UP = 500;
const BATCH = 100;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function mutation(clientId: string, seq: number): Mutation {
  const at = new Date(1_763_900_000_000 + seq * 1000).toISOString();
  return {
    mutationId: randomUUID(),
    clientId,
    seq,
    hlc: encodeHlc({ wall: 1_763_900_000_000 + seq, counter: 0, node: clientId }),
    table: 'submissions',
    id: randomUUID(),
    op: 'put',
    fields: {
      formId: DEMO_FORM.id,
      formVersion: DEMO_FORM.version,
      projectId: DEMO_PROJECT.id,
      data: DEMO_ANSWERS,
      startedAt: at,
      finalizedAt: at,
      replaces: null,
    },
  };
}

async function pushesPerSecond(storage: Storage): Promise<number> {
  await storage.migrate();
  await seedDemo(storage, { password: 'bench-password', passwordCost: TEST_PASSWORD_COST });
  const app = createApp({ storage });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'agent', password: 'bench-password' }),
  });
  const { token } = (await login.json()) as { token: string };
  const clientId = `bench${randomBytes(6).toString('hex')}`;
  let seq = 0;
  const round = (count: number) =>
    Array.from({ length: count / BATCH }, () =>
      Array.from({ length: BATCH }, () => mutation(clientId, (seq += 1))),
    );
  const push = async (batches: Mutation[][]) => {
    for (const mutations of batches) {
      const res = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, mutations }),
      });
      if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
    }
  };
  // A warm-up round (JIT, the form's compiled validator, the database's caches), then the median of a few.
  await push(round(WARM_UP));
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const batches = round(MUTATIONS / ROUNDS);
    rates.push(((MUTATIONS / ROUNDS) * 1000) / (await timeMs(() => push(batches))));
  }
  return median(rates);
}

export async function benchServer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-bench-'));
  const sqlite = createStorage({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
  try {
    report('sync.push_per_s.sqlite', (await pushesPerSecond(sqlite)).toFixed(0));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    report('sync.push_per_s.postgres', `skipped (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  const postgres = createStorage({ kind: 'postgres', url: PG_URL, schema });
  try {
    report('sync.push_per_s.postgres', (await pushesPerSecond(postgres)).toFixed(0));
  } finally {
    await postgres.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}
