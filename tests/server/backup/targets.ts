import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStorage } from '../../../src/server/main';
import type { DatabaseKind, Storage } from '../../../src/server/storage/Storage';
import { TEST_DATABASE_URL, type Backend } from '../backends';

/**
 * Databases as a deployment has them, for backup and upgrade tests: a data directory with its SQLite file,
 * or a PostgreSQL database of its own (created here, dropped by `drop`), since pg_dump and pg_restore work on
 * whole databases, not on the per-test schemas of tests/server/backends.ts.
 */
export interface Target {
  kind: DatabaseKind;
  /** What the CLI reads: DATA_DIR or DATABASE_URL. */
  env: Record<string, string>;
  dataDir: string;
  databaseUrl?: string;
  /** The storage, migrated (as the server opens it). */
  open(): Promise<Storage>;
  drop(): Promise<void>;
}

async function admin(query: string, values: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n?: string }>(query, values);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * Drops the database once the connections of the pools just closed have gone: pg's Pool.end() resolves
 * before its clients' sockets close, and forcing them out would raise an error in a client no one listens to.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const open = await admin('select count(*) as n from pg_stat_activity where datname = $1', [name]);
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin(`drop database if exists ${name}`);
}

const quiet = () => {};

export async function newTarget(kind: DatabaseKind): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'terrain-target-'));
  if (kind === 'sqlite')
    return {
      kind,
      env: { DATA_DIR: dataDir },
      dataDir,
      open: () => openStorage({ dataDir, log: quiet }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  const name = `tb_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind,
    // The data directory still holds what is not in the database (tls init's files).
    env: { DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
    dataDir,
    databaseUrl,
    open: () => openStorage({ dataDir, databaseUrl, log: quiet }),
    async drop() {
      await dropDatabase(name);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Backend for tests/server/harness.ts's setupServer, on `target`. */
export function backendOn(target: Target): Backend {
  return {
    name: target.kind,
    async create() {
      const storage = await target.open();
      return { storage, cleanup: () => storage.close() };
    },
  };
}
