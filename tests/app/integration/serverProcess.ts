import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// tsx's own transpiler (tsx runs `npm run serve`), used here to build the CLI once per test file.
import { build } from 'esbuild';
import pg from 'pg';
import { createStorage } from '../../../src/server/storage/createStorage';
import type { Storage } from '../../../src/server/storage/Storage';
import { TEST_DATABASE_URL } from '../../server/backends';

/**
 * The real server as a separate process (`src/server/cli.ts serve`, what `npm run serve` runs), so a test can
 * SIGKILL it: no graceful close, no flushed buffers, open transactions cut wherever they are.
 *
 * The CLI is bundled once (dependencies left as they are in node_modules) and every start runs that bundle:
 * each restart takes a fraction of the time tsx needs to transpile the server again, and every process of a
 * test runs the same code even while the source tree is being edited.
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const DEMO_PASSWORD = 'process-test-password';
const START_TIMEOUT_MS = 30_000;

/** Where a server process keeps its data: an SQLite directory or a private PostgreSQL schema. */
export interface ServerDatabase {
  kind: 'sqlite' | 'postgres';
  /** The environment `serve` reads (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** The same database (migrated by the server), opened in the test process to check what it holds. */
  open(): Promise<Storage>;
  remove(): Promise<void>;
}

export function sqliteDatabase(): ServerDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-proc-'));
  return {
    kind: 'sqlite',
    env: { DATA_DIR: dir },
    open() {
      // Not migrated here: the server did it, and this process may hold an older copy of the migrations.
      return Promise.resolve(createStorage({ kind: 'sqlite', file: join(dir, 'terrain.sqlite') }));
    },
    remove: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function adminQuery(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL schema of its own. `serve` takes only DATABASE_URL: the schema goes in the URL's `options`
 * (`-c search_path=…`, as with libpq), which node-postgres passes on at connection start-up.
 */
export async function postgresDatabase(): Promise<ServerDatabase> {
  const schema = `p_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    open: () => Promise.resolve(createStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema })),
    remove: () => adminQuery(`drop schema if exists ${schema} cascade`),
  };
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` of the running process; it changes at each restart. */
  readonly origin: string;
  readonly running: boolean;
  /** How many times the process was started. */
  readonly starts: number;
  /** SIGKILL: the process dies at once, wherever it is. Resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same database (after kill or stop). */
  restart(): Promise<void>;
  /** SIGTERM: the graceful shutdown of `serve`. */
  stop(): Promise<void>;
}

/** A bundle of the CLI, built on first use; `removeBuiltServer` deletes it. */
let built: Promise<string> | undefined;
const BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'terrain-server-process');

function builtServer(): Promise<string> {
  built ??= (async () => {
    // Inside node_modules so that the bundle's imports of packages resolve as the sources' do.
    mkdirSync(BUILD_DIR, { recursive: true });
    const outfile = join(BUILD_DIR, `cli-${process.pid}-${randomBytes(4).toString('hex')}.mjs`);
    await build({
      entryPoints: [join(ROOT, 'src/server/cli.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}

/** Deletes the bundle (call once the test file is done with its servers). */
export async function removeBuiltServer(): Promise<void> {
  if (!built) return;
  const file = await built.catch(() => undefined);
  built = undefined;
  if (file) rmSync(file, { force: true });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

async function launch(database: ServerDatabase): Promise<{ child: ChildProcess; origin: string }> {
  // Node itself, never a wrapper (the tsx binary runs the script in a grandchild that a SIGKILL would miss).
  const child = spawn(process.execPath, ['--enable-source-maps', await builtServer(), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...database.env, PORT: '0', DEMO_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<{ child: ChildProcess; origin: string }>((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`The server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening at http:\/\/[^:]+:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      // Keep draining the pipes so a chatty server never blocks on a full one.
      child.stdout?.resume();
      resolveStart({ child, origin: `http://127.0.0.1:${port}` });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rejectStart(new Error(`The server exited (${signal ?? code}) before listening:\n${output}`));
    });
  });
}

export async function startServerProcess(database: ServerDatabase): Promise<ServerProcess> {
  let current = await launch(database);
  let starts = 1;
  let running = true;
  return {
    get origin() {
      return current.origin;
    },
    get running() {
      return running;
    },
    get starts() {
      return starts;
    },
    async kill() {
      running = false;
      const exited = waitForExit(current.child);
      current.child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      if (running) throw new Error('The server is still running');
      current = await launch(database);
      starts += 1;
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      const exited = waitForExit(current.child);
      current.child.kill('SIGTERM');
      await exited;
    },
  };
}
