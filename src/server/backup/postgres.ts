import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import pg from 'pg';

/**
 * pg_dump and pg_restore, run by the CLI. The password of DATABASE_URL goes to them in PGPASSWORD, never
 * on their command line (which every user of the machine can read in `ps`).
 */
export function pgConnection(url: string): { target: string; env: NodeJS.ProcessEnv } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { target: url, env: {} }; // a key=value connection string: libpq reads it as it is
  }
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { target: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export const PG_DUMP = () => process.env.PG_DUMP || 'pg_dump';
export const PG_RESTORE = () => process.env.PG_RESTORE || 'pg_restore';

export class ToolMissingError extends Error {}

/** What the operator can run by hand when the CLI cannot find pg_dump. */
export const MANUAL_DUMP = (out: string) =>
  `pg_dump --format=custom --file=${out} "$DATABASE_URL"   (then: npm run cli -- restore ${out})`;

interface RunningTool {
  stdout: Readable;
  /** Resolves when the tool exits 0; otherwise rejects with what it wrote to stderr. */
  finished: () => Promise<void>;
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): RunningTool {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < 8000) stderr += text;
  });
  const exit = new Promise<void>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new ToolMissingError(
              `${command} was not found (install PostgreSQL's client tools, or set PG_DUMP / PG_RESTORE).`,
            )
          : err,
      );
    });
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
  // Handled here too: the tool may fail (not found) before anyone awaits it, and must not crash the process.
  exit.catch(() => {});
  return { stdout: child.stdout, finished: () => exit };
}

/** pg_dump's custom-format archive of the whole database, uncompressed (the backup file gzips it). */
export function pgDump(url: string): RunningTool {
  const { target, env } = pgConnection(url);
  return runTool(PG_DUMP(), ['--format=custom', '--compress=0', '--dbname', target], env);
}

/**
 * Restores an archive into the (empty) database, in one transaction: a failure leaves it as empty as it
 * was. Objects are owned by the restoring user, as a restore onto another server needs.
 */
export async function pgRestore(url: string, archive: string): Promise<void> {
  const { target, env } = pgConnection(url);
  const tool = runTool(
    PG_RESTORE(),
    ['--no-owner', '--no-acl', '--single-transaction', '--exit-on-error', '--dbname', target, archive],
    env,
  );
  tool.stdout.resume();
  await tool.finished();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** How many tables, views and sequences the database has outside PostgreSQL's own schemas. */
export function pgRelationCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_catalog.pg_class c join pg_catalog.pg_namespace s on s.oid = c.relnamespace
       where s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg\\_toast%'
         and s.nspname not like 'pg\\_temp%' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** The last migration the database (its search path) records, or null. */
export function pgLastMigration(url: string): Promise<string | null> {
  return withClient(url, async (client) => {
    const { rows: found } = await client.query<{ t: string | null }>(
      `select to_regclass('kysely_migration')::text as t`,
    );
    if (!found[0]?.t) return null;
    const { rows } = await client.query<{ name: string | null }>(
      'select max(name) as name from kysely_migration',
    );
    return rows[0]?.name ?? null;
  });
}
