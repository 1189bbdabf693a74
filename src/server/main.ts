import { existsSync } from 'node:fs';
import { createApp } from './app';
import { drainable, shutdownGraceMsFromEnv } from './http/drain';
import { createLogger, logLevelFromEnv, type Logger } from './observe/log';
import { startCleanupTimer } from './limits/cleanupTimer';
import { limitsFromEnv, type ServerLimits } from './limits/config';
import { mapPackConfigFromEnv } from './maps/config';
import { retentionFromEnv, type RetentionPeriods } from './retention/config';
import { startPurgeTimer } from './retention/purgeTimer';
import { seedDemo, formatDemoAccounts } from './seed/demoSeed';
import { createStorage } from './storage/createStorage';
import { narrowDatabaseFiles, prepareDataDir } from './storage/dataDirModes';
import type { Storage } from './storage/Storage';
import type { TlsSettings } from './tls/config';
import { listen, listenRedirect } from './tls/listen';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Where the SQLite database lives (created if missing); unused with databaseUrl. */
  dataDir: string;
  /** A PostgreSQL URL; without it the server uses SQLite at `<dataDir>/terrain.sqlite`. */
  databaseUrl?: string;
  /** The built PWA to serve. */
  staticDir?: string;
  /** Password for every demo account; otherwise random ones are generated and printed once. */
  demoPassword?: string;
  /** Seed the demo when the database has no users (default true). */
  seed?: boolean;
  /** Seed the demo's sample data too (organisations, projects, indicators, surveys); default false. */
  sampleData?: boolean;
  /** Behind a reverse proxy: client addresses come from X-Forwarded-For (see createApp). */
  trustProxy?: boolean;
  /** How long a session lasts, in days (default 30; see createApp). */
  tokenTtlDays?: number;
  /** Minutes without use before the app locks itself (default: IDLE_LOCK_MINUTES, else 15). */
  idleLockMinutes?: number;
  /** Request rates, caps and the sweeping of unclaimed uploads; from the environment by default. */
  limits?: ServerLimits;
  /** How long what the server no longer needs is kept, and how often it purges; from the environment. */
  retention?: RetentionPeriods;
  /** The request log (JSON lines on stdout at LOG_LEVEL by default). */
  logger?: Logger;
  /** The token `/metrics` asks for (default: METRICS_TOKEN); without one `/metrics` answers 404. */
  metricsToken?: string;
  /** How long close() lets requests under way finish (default: SHUTDOWN_GRACE_SECONDS, else 10 s). */
  shutdownGraceMs?: number;
  /** Serve HTTPS with this key and certificate (tls/config.ts: TLS_CERT/TLS_KEY, or `tls init`'s files). */
  tls?: TlsSettings;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The plain HTTP port redirecting to HTTPS (tls.httpPort). */
  httpPort?: number;
  /** Stops accepting, lets the requests under way finish, stops the timers and closes the database. */
  close(): Promise<void>;
  readonly logger: Logger;
}

/**
 * Opens (and migrates) the database the options point to. SQLite's directory and files are the service
 * user's only (storage/dataDirModes.ts); what was wider is narrowed and told to `log` (console.warn).
 */
export async function openStorage(options: {
  dataDir: string;
  databaseUrl?: string;
  log?: (line: string) => void;
}): Promise<Storage> {
  const log = options.log ?? ((line: string) => console.warn(line));
  let storage: Storage;
  let file: string | null = null;
  if (options.databaseUrl) {
    storage = createStorage({ kind: 'postgres', url: options.databaseUrl });
  } else {
    file = prepareDataDir(options.dataDir, log);
    storage = createStorage({ kind: 'sqlite', file });
  }
  try {
    await storage.migrate();
  } catch (err) {
    await storage.close();
    throw err;
  }
  // The -wal and -shm files SQLite has just made (with the database's mode) or found from before.
  if (file) narrowDatabaseFiles(file, log);
  return storage;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const storage = await openStorage(options);
  try {
    return await serveWith(storage, options);
  } catch (err) {
    await storage.close();
    throw err;
  }
}

async function serveWith(storage: Storage, options: ServerOptions): Promise<RunningServer> {
  if (options.seed ?? true) {
    const seeded = await seedDemo(storage, {
      password: options.demoPassword,
      sampleData: options.sampleData ?? false,
    });
    // Printed only when they were just created: the database keeps hashes, never the passwords.
    if (seeded && !options.demoPassword) console.log(formatDemoAccounts(seeded));
    else if (seeded)
      console.log('Demo accounts created: admin, supervisor, focal, agent (password from DEMO_PASSWORD).');
  }
  const staticDir = options.staticDir && existsSync(options.staticDir) ? options.staticDir : undefined;
  const limits = options.limits ?? limitsFromEnv();
  const retention = options.retention ?? retentionFromEnv();
  const logger = options.logger ?? createLogger({ level: logLevelFromEnv(process.env.LOG_LEVEL) });
  const graceMs = options.shutdownGraceMs ?? shutdownGraceMsFromEnv(process.env.SHUTDOWN_GRACE_SECONDS);
  const app = createApp({
    storage,
    staticDir,
    trustProxy: options.trustProxy ?? false,
    tokenTtlDays: options.tokenTtlDays,
    idleLockMinutes: options.idleLockMinutes,
    limits,
    mapPacks: mapPackConfigFromEnv(process.env, options.dataDir),
    log: logger,
    metricsToken: options.metricsToken ?? (process.env.METRICS_TOKEN || undefined),
    localCa: options.tls?.caCert,
  });
  const host = options.host ?? '0.0.0.0';

  const { tls } = options;
  const server = await listen(app.fetch, options.port, host, tls);
  const { port } = server;
  const connections = drainable(server.server);
  const redirect =
    tls?.httpPort !== undefined
      ? await listenRedirect(tls, port, host).catch(async (err) => {
          await server.close();
          throw err;
        })
      : undefined;
  // What the sweeps removed, or why one failed, as log lines like the requests'.
  const timerLog = (line: string) => (line.includes(' failed: ') ? logger.warn(line) : logger.info(line));
  const cleanup = startCleanupTimer(storage, {
    intervalMs: limits.cleanupIntervalMs,
    ttlMs: limits.uploadTtlMs,
    log: timerLog,
  });
  const purgeTimer = startPurgeTimer(storage, retention, { log: timerLog });
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  let closing: Promise<void> | undefined;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    httpPort: redirect?.port,
    logger,
    close() {
      closing ??= Promise.all([connections.drain(graceMs), redirect?.close()])
        .then(() => cleanup.stop())
        .then(() => purgeTimer?.stop())
        .then(() => storage.close());
      return closing;
    },
  };
}
