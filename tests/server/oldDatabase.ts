import SQLite from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from '../../src/server/storage/migrations';
import { OwnSchemaPostgresDialect } from '../../src/server/storage/pgDialect';
import { TEST_DATABASE_URL, type Backend } from './backends';

/**
 * For migration tests: a database migrated only up to some migration, filled the way an older server left
 * it, then migrated to the latest.
 */

/** A migrator that knows only the migrations whose name passes `upTo`. */
export function migrator(db: Kysely<unknown>, upTo: (name: string) => boolean): Migrator {
  const migrations = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => upTo(name)));
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations as Record<string, Migration>) },
  });
}

/** A bare database of `backend` (not migrated), and how to drop it. */
export async function bareDatabase(
  backend: Backend,
): Promise<{ db: Kysely<unknown>; drop: () => Promise<void> }> {
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
