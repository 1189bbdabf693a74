import SQLite from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The database file a data directory holds (as storage/dataDirModes.ts names it). */
export const sqliteFile = (dataDir: string) => join(dataDir, 'terrain.sqlite');

/** Whether `dataDir` already holds a database (a restore must not replace it). */
export function sqliteExists(dataDir: string): boolean {
  const file = sqliteFile(dataDir);
  if (existsSync(`${file}-wal`) || existsSync(`${file}-journal`)) return true;
  return existsSync(file) && statSync(file).size > 0;
}

/**
 * A consistent copy of the database at `file` into `dest` (an existing empty file), while the server writes
 * to it: SQLite's online backup from a connection of our own. Asking for every page in one step copies them
 * under one read transaction, which WAL lets the server's writers carry on beside; in small steps, each
 * write the server made between two steps would start the copy over.
 */
export async function copySqlite(file: string, dest: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`No database at ${file} (is DATA_DIR right?)`);
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}

/** The last migration the database at `file` records (null when none), and whether it is sound. */
export function inspectSqlite(file: string): { lastMigration: string | null; problem: string | null } {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true }) as string;
    const hasMigrations = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    const last = hasMigrations
      ? (db.prepare('select max(name) as name from kysely_migration').get() as { name: string | null })
      : { name: null };
    return { lastMigration: last.name, problem: check === 'ok' ? null : check };
  } finally {
    db.close();
  }
}
