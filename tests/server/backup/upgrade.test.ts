import SQLite from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../src/core/sync/protocol';
import { createApp } from '../../../src/server/app';
import { TEST_PASSWORD_COST, hashPassword } from '../../../src/server/auth/passwords';
import { backupCommand, migrateCommand, restoreCommand } from '../../../src/server/backup/commands';
import { publishProject } from '../../../src/server/catalog';
import { DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { MIGRATIONS } from '../../../src/server/storage/migrations';
import { prepareDataDir } from '../../../src/server/storage/dataDirModes';
import { OwnSchemaPostgresDialect } from '../../../src/server/storage/pgDialect';
import type { Storage } from '../../../src/server/storage/Storage';
import { backends } from '../backends';
import { PASSWORD, TEST_LIMITS, publishDefinition, submission } from '../harness';
import { migrator } from '../oldDatabase';
import { newTarget, type Target } from './targets';

/**
 * Upgrades: a database left by each earlier version (migrated only up to each migration in turn, holding
 * what the first version stored: an account, a membership, a device and its submission) migrates to the
 * latest, and then serves its old data and takes the device's next push. Old schemas are made from the
 * migration list itself, so no binary fixtures are kept. And `migrate --dry-run` lists what would run and
 * changes nothing; a backup of an old version restores, then migrates.
 */

const NAMES = Object.keys(MIGRATIONS).sort();
const OLD_CLIENT = 'dev_ancien0000000000000000000000001';
const OLD_SUBMISSION = '0b6c1c1e-5d0e-4b7a-9a44-2f4f3c1d0e01';
const AT = '2026-11-23T09:00:00.000Z';

function rawDatabase(target: Target): Kysely<unknown> {
  // The file made as the server makes it (0600), so that opening it later has nothing to narrow or say.
  if (!target.databaseUrl) prepareDataDir(target.dataDir, () => {});
  if (target.databaseUrl)
    return new Kysely<unknown>({
      dialect: new OwnSchemaPostgresDialect({
        pool: new pg.Pool({ connectionString: target.databaseUrl, max: 1 }),
      }),
    });
  return new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SQLite(join(target.dataDir, 'terrain.sqlite')) }),
  });
}

const passwordHash = hashPassword(PASSWORD, TEST_PASSWORD_COST);

/** What a server of the first version stored, in its columns. */
async function fillInitial(db: Kysely<unknown>): Promise<void> {
  const hash = await passwordHash;
  const fields = submission(OLD_CLIENT, 1, { id: OLD_SUBMISSION }).fields;
  const data = JSON.stringify({ id: OLD_SUBMISSION, ...fields, createdBy: 'u-veteran' });
  await sql`insert into users (id, username, display_name, role, organisation_id, password_hash, created_at, disabled)
    values ('u-veteran', 'veteran', 'Aminata Diallo', 'agent', null, ${hash}, ${AT}, 0)`.execute(db);
  await sql`insert into projects (id, organisation_id, created_at) values (${DEMO_PROJECT.id}, null, ${AT})`.execute(
    db,
  );
  await sql`insert into project_members (project_id, user_id) values (${DEMO_PROJECT.id}, 'u-veteran')`.execute(
    db,
  );
  await sql`insert into clients (client_id, user_id, last_seq) values (${OLD_CLIENT}, 'u-veteran', 1)`.execute(
    db,
  );
  await sql`insert into entities (tbl, id, project_id, created_by, data, deleted, server_seq, hlc, updated_at)
    values ('submissions', ${OLD_SUBMISSION}, ${DEMO_PROJECT.id}, 'u-veteran', ${data}, 0, 1,
      ${'0000000000001:00000:' + OLD_CLIENT}, ${AT})`.execute(db);
  await sql`update counters set value = 1 where name = 'server_seq'`.execute(db);
  await sql`insert into audit_log (id, at, user_id, action, tbl, record_id)
    values ('a-1', ${AT}, 'u-veteran', 'submission.create', 'submissions', ${OLD_SUBMISSION})`.execute(db);
}

/** A database as the version whose last migration is NAMES[k] left it. */
async function oldDatabase(target: Target, k: number): Promise<void> {
  const db = rawDatabase(target);
  try {
    const first = await migrator(db, (name) => name <= NAMES[0]!).migrateToLatest();
    expect(first.error).toBeUndefined();
    await fillInitial(db);
    const upTo = await migrator(db, (name) => name <= NAMES[k]!).migrateToLatest();
    expect(upTo.error).toBeUndefined();
  } finally {
    await db.destroy();
  }
}

/** The latest server on it: the old submission is pulled, and the old device's next push is applied. */
async function checkServes(storage: Storage): Promise<void> {
  const now = new Date('2026-12-06T10:00:00.000Z');
  await storage.transaction((tx) => publishProject(tx, DEMO_PROJECT, null, now));
  await publishDefinition(storage, DEMO_FORM, now);
  const app = createApp({ storage, limits: TEST_LIMITS, now: () => now });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'veteran', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const pulledIds = async () => {
    const res = await app.request('/api/sync/pull?cursor=0&limit=500&formKeys=project', { headers: auth });
    expect(res.status).toBe(200);
    const page = PullResponse.parse(await res.json());
    return page.changes.filter((c) => c.table === 'submissions').map((c) => c.id);
  };
  expect(await pulledIds()).toContain(OLD_SUBMISSION);
  const next = submission(OLD_CLIENT, 2, { id: randomUUID() });
  const push = await app.request('/api/sync/push', {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: OLD_CLIENT, mutations: [next] }),
  });
  expect(push.status).toBe(200);
  const body = (await push.json()) as { lastSeq: number; results: { status: string }[] };
  expect(body.results.map((r) => r.status)).toEqual(['applied']);
  expect(body.lastSeq).toBe(2);
  expect(await pulledIds()).toEqual(expect.arrayContaining([OLD_SUBMISSION, next.id]));
}

const lines = () => {
  const out: string[] = [];
  return { out, say: (l: string) => out.push(l) };
};

describe.each(backends.map((b) => b.name))('upgrades on %s', (kind) => {
  const targets: Target[] = [];
  afterAll(async () => {
    for (const t of targets) await t.drop();
  });
  async function target(): Promise<Target> {
    const t = await newTarget(kind);
    targets.push(t);
    return t;
  }

  // Each on a database of its own: they wait on the disk and on PostgreSQL more than on the processor.
  it.concurrent.each(NAMES.slice(0, -1).map((name, k) => ({ name, k })))(
    'from the version of $name to the latest',
    async ({ k }) => {
      const t = await target();
      await oldDatabase(t, k);
      const storage = await t.open();
      try {
        await checkServes(storage);
      } finally {
        await storage.close();
      }
    },
  );

  it('migrate --dry-run lists what would run and changes nothing; migrate applies it', async () => {
    const k = NAMES.indexOf('2026-12-06-0011-devices');
    const t = await target();
    await oldDatabase(t, k);
    const dry = lines();
    await migrateCommand(['--dry-run'], { env: t.env, out: dry.say });
    const expected = NAMES.slice(k + 1);
    expect(dry.out.join('\n')).toBe(
      `${expected.length} migration(s) would run:\n${expected.map((n) => `  ${n}`).join('\n')}`,
    );
    const again = lines();
    await migrateCommand(['--dry-run'], { env: t.env, out: again.say });
    expect(again.out).toEqual(dry.out);

    const real = lines();
    await migrateCommand([], { env: t.env, out: real.say });
    expect(real.out.join('\n')).toMatch(new RegExp(`^Applied ${expected.length} migration\\(s\\)`));
    const after = lines();
    await migrateCommand(['--dry-run'], { env: t.env, out: after.say });
    expect(after.out).toEqual(['Database is up to date: no migration would run.']);
  });

  it('a backup of an older version restores, then migrates', async () => {
    const k = NAMES.indexOf('2026-12-02-0009-membership-joined-seq');
    const old = await target();
    await oldDatabase(old, k);
    const dir = await mkdtemp(join(tmpdir(), 'terrain-old-backup-'));
    try {
      const file = join(dir, 'old.tbk');
      await backupCommand(['--out', file], { env: old.env, out: () => {} });
      const restored = await target();
      const said = lines();
      await restoreCommand([file], { env: restored.env, out: said.say });
      expect(said.out.join('\n')).toMatch(
        new RegExp(`then applied ${NAMES.length - k - 1} migration\\(s\\): ${NAMES[k + 1]}`),
      );
      const storage = await restored.open();
      try {
        await checkServes(storage);
      } finally {
        await storage.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('migrate --dry-run without a database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'terrain-nodb-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists every migration and creates no file', async () => {
    const said = lines();
    await migrateCommand(['--dry-run'], { env: { DATA_DIR: join(dataDir, 'data') }, out: said.say });
    expect(said.out[0]).toMatch(/No database yet/);
    expect(said.out[1]).toMatch(new RegExp(`^${NAMES.length} migration\\(s\\) would run:\n  ${NAMES[0]}\n`));
    expect(existsSync(join(dataDir, 'data'))).toBe(false);
  });
});
