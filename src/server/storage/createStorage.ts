import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyOps } from './KyselyOps';
import { migrationProvider } from './migrations';
import { OwnSchemaPostgresDialect } from './pgDialect';
import { cacheStatements, WalSync } from './sqliteCommits';
import type { Database } from './schema';
import type { DatabaseKind, Storage, StorageTx } from './Storage';

export type StorageConfig =
  | { kind: 'sqlite'; /** A file path, or ':memory:' for tests. */ file: string }
  | {
      kind: 'postgres';
      url: string;
      /** Schema to work in (created by `migrate` if missing). */ schema?: string;
    };

const INT8_OID = 20;
// server_seq and counts are bigint; JavaScript numbers hold them exactly up to 2^53, which is plenty.
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

class KyselyStorage extends KyselyOps implements Storage {
  constructor(
    db: Kysely<Database>,
    kind: DatabaseKind,
    private readonly schema: string | undefined,
    /** SQLite on a file: transactions commit with a sync of the WAL off the event loop (sqliteCommits.ts). */
    private readonly walSync?: WalSync,
  ) {
    super(db, kind);
  }

  async migrate(): Promise<void> {
    if (this.schema) await sql`create schema if not exists ${sql.id(this.schema)}`.execute(this.db);
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
      const reason =
        error instanceof Error ? error.message : `migration ${failed?.migrationName ?? 'unknown'}`;
      throw new Error(`Database migration failed: ${reason}`);
    }
  }

  async pendingMigrations(): Promise<string[]> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
  }

  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    const walSync = this.walSync;
    if (!walSync) return this.runTransaction(this.db, fn);
    // The connection is held from the first pragma to the last (SQLite has one, and a transaction holds it
    // anyway): no other statement runs with NORMAL, and nothing answers before the WAL is synced.
    return this.db
      .connection()
      .execute(async (conn) => {
        await sql`pragma synchronous = normal`.execute(conn);
        let result: T;
        try {
          result = await this.runTransaction(conn, fn);
        } finally {
          await sql`pragma synchronous = full`.execute(conn);
        }
        // Asked for while the connection is still held, so that `durable()` covers this commit from the
        // moment any other request can read it.
        return { result, synced: walSync.sync() };
      })
      .then(async ({ result, synced }) => {
        await synced;
        return result;
      });
  }

  durable(): Promise<void> {
    return this.walSync?.durable() ?? Promise.resolve();
  }

  private runTransaction<T>(db: Kysely<Database>, fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const ops = new KyselyOps(trx, this.kind);
      ops.deferAudits();
      const result = await fn(ops);
      await ops.flushAudits();
      return result;
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.walSync?.close();
  }
}

function sqliteDatabase(file: string): { database: SQLite.Database; wal: boolean } {
  const database = new SQLite(file);
  // WAL lets readers work while a push writes; FULL makes a committed push survive a power cut, which
  // matters on the small, battery-backed servers NGOs run in the field.
  const mode: unknown = database.pragma('journal_mode = WAL', { simple: true });
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  cacheStatements(database);
  return { database, wal: mode === 'wal' };
}

export function createStorage(config: StorageConfig): Storage {
  if (config.kind === 'sqlite') {
    const { database, wal } = sqliteDatabase(config.file);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    // In memory (tests) there is no WAL (nor anything to sync); where WAL is refused, FULL syncs as before.
    const walSync = wal ? new WalSync(`${config.file}-wal`) : undefined;
    return new KyselyStorage(db, 'sqlite', undefined, walSync);
  }
  const { schema } = config;
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  return new KyselyStorage(db, 'postgres', schema);
}
