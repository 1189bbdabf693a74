import SQLite from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, SqliteDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/server/storage/migrations';
import { OwnSchemaPostgresDialect } from '../../../src/server/storage/pgDialect';
import { backends, TEST_DATABASE_URL, type Backend } from '../backends';

const MEDIA_MIGRATION = '2026-11-23-0005-media-blobs';

function migrator(db: Kysely<unknown>, upTo: (name: string) => boolean): Migrator {
  const migrations = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => upTo(name)));
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations as Record<string, Migration>) },
  });
}

/** A bare database of `backend` (not migrated), and how to drop it. */
async function bareDatabase(backend: Backend): Promise<{ db: Kysely<unknown>; drop: () => Promise<void> }> {
  if (backend.name === 'sqlite') {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    return { db, drop: () => db.destroy() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const pool = new pg.Pool({
    connectionString: TEST_DATABASE_URL,
    max: 2,
    options: `-c search_path=${schema}`,
  });
  const db = new Kysely<unknown>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  return {
    db,
    async drop() {
      await db.destroy();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

describe.each(backends)('media migration on $name', (backend) => {
  it('records the files named by submissions stored before it', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      const before = await migrator(db, (name) => name < MEDIA_MIGRATION).migrateToLatest();
      expect(before.error).toBeUndefined();
      const photo = { sha256: 'a'.repeat(64), name: 'p.jpg', type: 'image/jpeg', size: 3 };
      const row = (id: string, data: unknown, deleted = 0) => ({
        tbl: 'submissions',
        id,
        project_id: 'p',
        created_by: 'u',
        data: JSON.stringify({ id, data }),
        deleted,
        server_seq: Number(id.slice(1)),
        hlc: 'h',
        updated_at: '2026-11-24T08:00:00.000Z',
      });
      const rows = [
        row('s1', { photo, visits: [{ audio: { ...photo, sha256: 'b'.repeat(64) } }] }),
        row('s2', { site: 'no files' }),
        row('s3', { photo }),
        row('s4', { photo: { ...photo, sha256: 'c'.repeat(64) } }, 1),
      ];
      await (db as Kysely<{ entities: (typeof rows)[number] }>).insertInto('entities').values(rows).execute();

      const after = await migrator(db, () => true).migrateToLatest();
      expect(after.error).toBeUndefined();
      const { rows: refs } = await sql<{ sha256: string; submission_id: string }>`
        select sha256, submission_id from media_refs order by submission_id, sha256`.execute(db);
      expect(refs.map((r) => `${r.submission_id}:${r.sha256[0]}`)).toEqual(['s1:a', 's1:b', 's3:a']);
    } finally {
      await drop();
    }
  });
});
