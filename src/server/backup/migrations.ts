import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import pg from 'pg';
import { MIGRATIONS, migrationProvider } from '../storage/migrations';
import { OwnSchemaPostgresDialect } from '../storage/pgDialect';
import { sqliteExists, sqliteFile } from './sqlite';

export interface DatabaseTarget {
  dataDir: string;
  databaseUrl?: string;
}

export interface MigrationState {
  /** Migrations this server has that the database has not had, in the order they would run. */
  pending: string[];
  /** Migrations the database has had that this server does not know: a newer server's database. */
  unknown: string[];
  /** No SQLite database yet (every migration is pending). */
  missing: boolean;
}

/** Where the database stands against this server's migrations; reads only, creates nothing. */
export async function migrationState(target: DatabaseTarget): Promise<MigrationState> {
  let db: Kysely<unknown>;
  if (target.databaseUrl) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 1 });
    db = new Kysely<unknown>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  } else {
    if (!sqliteExists(target.dataDir))
      return { pending: Object.keys(MIGRATIONS).sort(), unknown: [], missing: true };
    const database = new SQLite(sqliteFile(target.dataDir), { fileMustExist: true });
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
  }
  try {
    const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
    const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
    const known = new Set(Object.keys(MIGRATIONS));
    const executed = await executedNames(db);
    return { pending, unknown: executed.filter((name) => !known.has(name)), missing: false };
  } finally {
    await db.destroy();
  }
}

async function executedNames(db: Kysely<unknown>): Promise<string[]> {
  try {
    const rows = await (db as Kysely<{ kysely_migration: { name: string } }>)
      .selectFrom('kysely_migration')
      .select('name')
      .execute();
    return rows.map((r) => r.name);
  } catch {
    return []; // no migration table yet: a database no server has migrated
  }
}
