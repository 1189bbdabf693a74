import { createReadStream, existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStorage } from '../main';
import { DATA_DIR_MODE } from '../storage/dataDirModes';
import { MIGRATIONS } from '../storage/migrations';
import {
  createPrivateFile,
  extractBackupFile,
  siblingTemp,
  sniffBackup,
  writeBackupFile,
  type DataDirFile,
} from './file';
import { DEFAULT_CHUNK_BYTES, newEncryption, type BackupHeader, type ScryptParams } from './format';
import { readDataDirFiles, withFilesFirst, writeDataDirFiles } from './dataDirFiles';
import { migrationState, type DatabaseTarget } from './migrations';
import {
  MANUAL_DUMP,
  ToolMissingError,
  pgDump,
  pgLastMigration,
  pgRelationCount,
  pgRestore,
} from './postgres';
import { copySqlite, inspectSqlite, sqliteExists, sqliteFile } from './sqlite';

export const BACKUP_USAGE = `  backup --out FILE [--passphrase-file F]
                                a consistent copy of the database while the server runs (SQLite's online
                                backup, or pg_dump), gzipped; encrypted (AES-256-GCM, scrypt) with the
                                passphrase in F or in BACKUP_PASSPHRASE; the file is made mode 0600
  restore FILE [--passphrase-file F]
                                restore a backup into an empty DATA_DIR (or the empty database of
                                DATABASE_URL), then apply this version's migrations; refuses a non-empty one
  migrate [--dry-run]           apply pending database migrations; --dry-run lists them and changes nothing`;

/** A command line that cannot mean anything (exit 2 with the usage). */
export class BackupUsageError extends Error {}
/** A restore or backup refused on purpose: the target is not empty, the backup is of the other kind... */
export class BackupRefusedError extends Error {}

export interface BackupIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  now?: () => Date;
  /** Tests only: cheaper key derivation and smaller frames. */
  scrypt?: ScryptParams;
  chunkBytes?: number;
}

const env = (io: BackupIo, name: string) => io.env[name] || undefined;

function targetOf(io: BackupIo): DatabaseTarget {
  return { dataDir: resolve(env(io, 'DATA_DIR') ?? 'data'), databaseUrl: env(io, 'DATABASE_URL') };
}

function refusePassphraseArgument(args: string[]): void {
  // A passphrase on the command line ends up in the shell's history and in `ps`: refuse it by name.
  if (args.some((a) => /^--passphrase(=|$)/.test(a)))
    throw new BackupUsageError(
      'A passphrase is never taken on the command line: use --passphrase-file FILE or BACKUP_PASSPHRASE.',
    );
}

async function passphraseOf(file: string | undefined, io: BackupIo): Promise<string | undefined> {
  let passphrase: string | undefined;
  if (file !== undefined) {
    try {
      passphrase = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    } catch (err) {
      throw new BackupUsageError(`--passphrase-file: cannot read ${file}: ${(err as Error).message}`);
    }
  } else passphrase = env(io, 'BACKUP_PASSPHRASE');
  if (passphrase === '') throw new BackupUsageError('The passphrase is empty.');
  // Group-readable is how a root-owned passphrase file is shared with the service's group (docs/deploy.md).
  if (file !== undefined && ((await stat(file)).mode & 0o004) !== 0)
    io.out(`Warning: ${file} is readable by every account of this machine (chmod 640 or 600 it).`);
  if (passphrase !== undefined && passphrase.length < 12)
    io.out('Warning: a passphrase of fewer than 12 characters is easy to guess from a stolen backup.');
  return passphrase;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export async function backupCommand(args: string[], io: BackupIo): Promise<void> {
  refusePassphraseArgument(args);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, 'passphrase-file': { type: 'string' } },
  });
  if (positionals.length > 0 || typeof values.out !== 'string')
    throw new BackupUsageError('backup takes --out FILE (and nothing else but --passphrase-file F)');
  const out = resolve(values.out);
  if (existsSync(out)) throw new BackupRefusedError(`${out} already exists: choose another name.`);
  if (!existsSync(dirname(out))) throw new BackupUsageError(`No directory ${dirname(out)} for ${out}`);
  const passphrase = await passphraseOf(values['passphrase-file'], io);
  const started = Date.now();
  const encryption = passphrase === undefined ? null : await newEncryption(passphrase, io.scrypt);
  const common = {
    compression: 'gzip' as const,
    createdAt: (io.now?.() ?? new Date()).toISOString(),
    chunkBytes: io.chunkBytes ?? DEFAULT_CHUNK_BYTES,
    encryption: encryption?.encryption ?? null,
  };
  const key = encryption?.key ?? null;
  const target = targetOf(io);
  const files = await readDataDirFiles(target.dataDir);
  const listed = files.map(({ name, mode, content }) => ({ name, mode, bytes: content.length }));
  let header: BackupHeader;
  if (target.databaseUrl) {
    header = {
      ...common,
      kind: 'postgres',
      payload: 'pg-dump-custom',
      lastMigration: await pgLastMigration(target.databaseUrl),
      files: listed,
    };
    const dump = pgDump(target.databaseUrl);
    try {
      await writeBackupFile(out, header, key, withFilesFirst(files, dump.stdout), dump.finished);
    } catch (err) {
      if (err instanceof ToolMissingError)
        throw new BackupRefusedError(`${err.message}\nOr run it yourself:\n  ${MANUAL_DUMP(out)}`);
      throw err;
    }
  } else {
    const copy = siblingTemp(out, 'sqlite');
    await createPrivateFile(copy);
    try {
      await copySqlite(sqliteFile(target.dataDir), copy);
      const { lastMigration, problem } = inspectSqlite(copy);
      if (problem) throw new Error(`The copy of the database does not check out: ${problem}`);
      header = { ...common, kind: 'sqlite', payload: 'sqlite-database', lastMigration, files: listed };
      await writeBackupFile(out, header, key, withFilesFirst(files, createReadStream(copy)));
    } finally {
      await removeSqlite(copy);
    }
  }
  const { size } = await stat(out);
  io.out(
    `Backup of the ${header.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database written to ${out}: ` +
      `${mib(size)}, ${key ? 'encrypted' : 'NOT encrypted'}, at migration ${header.lastMigration ?? '(none)'}, ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (files.length > 0 ? `; with ${files.map((f) => f.name).join(', ')}.` : '.'),
  );
}

/** A SQLite file and the -wal and -shm files opening it may have left. */
async function removeSqlite(file: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${file}${suffix}`, { force: true });
}

export async function restoreCommand(args: string[], io: BackupIo): Promise<void> {
  refusePassphraseArgument(args);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'passphrase-file': { type: 'string' } },
  });
  const [given, ...extra] = positionals;
  if (!given || extra.length > 0) throw new BackupUsageError('restore takes exactly one FILE');
  const file = resolve(given);
  if (!existsSync(file)) throw new BackupUsageError(`No file at ${file}`);
  const passphrase = await passphraseOf(values['passphrase-file'], io);
  const source = await sniffBackup(file);
  const kind =
    source.form === 'terrain' ? source.header.kind : source.form === 'sqlite-file' ? 'sqlite' : 'postgres';
  const target = targetOf(io);
  if (kind === 'sqlite' && target.databaseUrl)
    throw new BackupRefusedError(
      'This is a backup of a SQLite database, and DATABASE_URL is set: unset it to restore into DATA_DIR.',
    );
  if (kind === 'postgres' && !target.databaseUrl)
    throw new BackupRefusedError(
      'This is a backup of a PostgreSQL database: set DATABASE_URL to the (empty) database to restore into.',
    );
  const last = source.form === 'terrain' ? source.header.lastMigration : null;
  if (last !== null && !(last in MIGRATIONS))
    throw new BackupRefusedError(
      `This backup was made by a newer Terrain (its database has migration ${last}): restore it with that version or a later one.`,
    );

  const files = target.databaseUrl
    ? await restorePostgres(file, source, passphrase, target.databaseUrl)
    : await restoreSqlite(file, source, passphrase, target.dataDir);
  const kept = await writeDataDirFiles(target.dataDir, files);

  const { pending } = await migrationState(target);
  const storage = await openStorage({ ...target, log: io.out });
  await storage.close();
  const where = target.databaseUrl ? 'the PostgreSQL database' : sqliteFile(target.dataDir);
  io.out(
    `Restored ${file} into ${where}` +
      (source.form === 'terrain' ? ` (backup of ${source.header.createdAt})` : '') +
      (pending.length > 0 ? `; then applied ${pending.length} migration(s): ${pending.join(', ')}.` : '.'),
  );
  const restoredFiles = files.filter((f) => !kept.includes(f.name)).map((f) => f.name);
  if (restoredFiles.length > 0) io.out(`Restored into ${target.dataDir}: ${restoredFiles.join(', ')}.`);
  if (kept.length > 0)
    io.out(`Left as they were (already in ${target.dataDir}), not the backup's: ${kept.join(', ')}.`);
}

type Source = Awaited<ReturnType<typeof sniffBackup>>;

async function restoreSqlite(
  file: string,
  source: Source,
  passphrase: string | undefined,
  dataDir: string,
): Promise<DataDirFile[]> {
  if (sqliteExists(dataDir))
    throw new BackupRefusedError(
      `${dataDir} already holds a database (${sqliteFile(dataDir)}): restore into an empty data directory.`,
    );
  await mkdir(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const final = sqliteFile(dataDir);
  const unpacked = siblingTemp(final, 'restoring');
  let files: DataDirFile[] = [];
  try {
    if (source.form === 'terrain') files = await extractBackupFile(file, source, passphrase, unpacked);
    else {
      await createPrivateFile(unpacked);
      await copyFile(file, unpacked);
    }
    const { problem } = inspectSqlite(unpacked);
    if (problem) throw new BackupRefusedError(`The database in the backup does not check out: ${problem}`);
    // An empty file is what a server starting on this directory would have made: no data to lose.
    if (existsSync(final) && (await stat(final)).size === 0) await unlink(final);
    await link(unpacked, final); // fails rather than replace a database that appeared meanwhile
  } finally {
    await removeSqlite(unpacked);
  }
  return files;
}

async function restorePostgres(
  file: string,
  source: Source,
  passphrase: string | undefined,
  url: string,
): Promise<DataDirFile[]> {
  const relations = await pgRelationCount(url);
  if (relations > 0)
    throw new BackupRefusedError(
      `The database of DATABASE_URL is not empty (${relations} tables, views or sequences): restore into an empty database (createdb).`,
    );
  if (source.form !== 'terrain') {
    await pgRestore(url, file);
    return [];
  }
  const dir = await mkdtemp(join(tmpdir(), 'terrain-restore-'));
  try {
    const archive = join(dir, 'database.pgdump');
    const files = await extractBackupFile(file, source, passphrase, archive);
    await pgRestore(url, archive);
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function migrateCommand(args: string[], io: BackupIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' } } });
  if (positionals.length > 0) throw new BackupUsageError('migrate takes no arguments but --dry-run');
  const target = targetOf(io);
  const state = await migrationState(target);
  if (state.unknown.length > 0)
    io.out(
      `The database has migrations this version does not know (${state.unknown.join(', ')}): it was used by a newer Terrain.`,
    );
  if (values['dry-run']) {
    if (state.missing) io.out(`No database yet at ${sqliteFile(target.dataDir)}: all migrations would run.`);
    if (state.pending.length === 0) io.out('Database is up to date: no migration would run.');
    else
      io.out(
        `${state.pending.length} migration(s) would run:\n${state.pending.map((n) => `  ${n}`).join('\n')}`,
      );
    return;
  }
  const storage = await openStorage({ ...target, log: io.out });
  await storage.close();
  if (state.pending.length === 0) io.out('Database is up to date.');
  else
    io.out(`Applied ${state.pending.length} migration(s):\n${state.pending.map((n) => `  ${n}`).join('\n')}`);
}
