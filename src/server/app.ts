import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv, Clock } from './http/env';
import { clientInfo } from './http/clientInfo';
import { handleError, jsonError } from './http/errors';
import { securityHeaders } from './http/headers';
import { mountStatic } from './http/static';
import { publicRoutes } from './routes/public';
import { limitsFromEnv, type ServerLimits } from './limits/config';
import { authRoutes } from './routes/auth';
import { conflictRoutes } from './routes/conflicts';
import { deviceRoutes } from './routes/devices';
import { erasureRoutes } from './routes/erasure';
import { exportRoutes } from './routes/export';
import { formRoutes } from './routes/forms';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { silentLogger, type Logger } from './observe/log';
import { ServerMetrics } from './observe/metrics';
import { observeRequests } from './observe/requests';
import { mapPackRoutes } from './routes/mapPacks';
import { boundaryRoutes } from './routes/boundaries';
import { iatiRoutes } from './routes/iati';
import { mediaRoutes } from './routes/media';
import { personRoutes } from './routes/person';
import { sealedRoutes } from './routes/sealed';
import { sealedMediaRoutes } from './routes/sealedMedia';
import { syncRoutes } from './routes/sync';
import { userRoutes } from './routes/users';
import type { Storage } from './storage/Storage';
import { mapPackConfigFromEnv, type MapPackConfig } from './maps/config';
import { DAY_MS, DEFAULT_TOKEN_TTL_DAYS } from './auth/tokens';
import { idleLockMinutesFromEnv } from './auth/vaultSecret';
import { caRoutes } from './tls/caRoutes';
import { hsts } from './tls/hsts';

export interface AppOptions {
  storage: Storage;
  /** The built PWA (dist/); without it only the API is served. */
  staticDir?: string;
  /** The server's clock; tests move it to expire tokens. */
  now?: Clock;
  /**
   * Behind a reverse proxy: take the client's address from X-Forwarded-For (its last entry) rather than
   * from the connection, which is the proxy's (env TRUST_PROXY).
   */
  trustProxy?: boolean;
  /** How long a session lasts, in days (env TOKEN_TTL_DAYS; default 30). */
  tokenTtlDays?: number;
  /** Request rates and what is kept of refused changes (src/server/limits); the environment's by default. */
  limits?: ServerLimits;
  /** Minutes without use before the app locks itself (env IDLE_LOCK_MINUTES; default 15). */
  idleLockMinutes?: number;
  /** Map pack uploads: their size limit and working directory (src/server/maps/config.ts). */
  mapPacks?: MapPackConfig;
  /** One JSON line per request (src/server/observe); tests and embedded servers log nothing by default. */
  log?: Logger;
  /** Counted for `/metrics`; a fresh set by default. */
  metrics?: ServerMetrics;
  /** The bearer token `/metrics` asks for (env METRICS_TOKEN); without one, `/metrics` is a 404. */
  metricsToken?: string;
  /** The local certificate authority (PEM) of `tls init`, for tablets to install: /ca and /ca.crt. */
  localCa?: string;
}

export function createApp({
  storage,
  staticDir,
  now = () => new Date(),
  trustProxy = false,
  tokenTtlDays = DEFAULT_TOKEN_TTL_DAYS,
  limits = limitsFromEnv(),
  idleLockMinutes = idleLockMinutesFromEnv(process.env.IDLE_LOCK_MINUTES),
  mapPacks = mapPackConfigFromEnv(),
  log = silentLogger,
  metrics = new ServerMetrics(),
  metricsToken,
  localCa,
}: AppOptions): Hono<AppEnv> {
  if (!(tokenTtlDays > 0)) throw new Error(`tokenTtlDays must be above 0, got ${tokenTtlDays}`);
  const app = new Hono<AppEnv>();
  // First, so its time and status cover everything below, errors included.
  app.use('*', observeRequests({ log, metrics }));
  app.use('*', securityHeaders);
  app.use('*', hsts(trustProxy));
  app.use('*', clientInfo(trustProxy));
  // No answer leaves before what it may tell of (a pushed change, a pull's server_seq) is on disk: SQLite's
  // commits are synced off the event loop (storage/sqliteCommits.ts), and another request can read one first.
  app.use('*', async (_c, next) => {
    await next();
    await storage.durable();
  });
  app.use('*', compress());

  const api = new Hono<AppEnv>();
  api.route('/', healthRoutes(storage));
  api.route('/', authRoutes(storage, now, tokenTtlDays * DAY_MS, idleLockMinutes));
  api.route('/', syncRoutes(storage, now, limits));
  api.route('/', sealedRoutes(storage, now, limits));
  api.route('/', formRoutes(storage, now));
  api.route('/', sealedMediaRoutes(storage, now, limits));
  api.route('/', mediaRoutes(storage, now, limits));
  api.route('/', conflictRoutes(storage, now));
  api.route('/', exportRoutes(storage, now, limits));
  api.route('/', deviceRoutes(storage, now));
  api.route('/', personRoutes(storage, now, limits));
  api.route('/', erasureRoutes(storage, now));
  api.route('/', userRoutes(storage, now));
  api.route('/', mapPackRoutes(storage, now, mapPacks));
  api.route('/', boundaryRoutes(storage, now));
  api.route('/', iatiRoutes(storage, now));
  app.route('/api', api);
  app.all('/api', (c) => jsonError(c, 'not_found', 'No such endpoint'));
  app.all('/api/*', (c) => jsonError(c, 'not_found', 'No such endpoint'));

  // Before the static files: the public site's data is not the PWA's index.html.
  app.route('/public', publicRoutes(storage, now, limits));
  app.all('/public/api/*', (c) => jsonError(c, 'not_found', 'No such endpoint'));
  app.route('/', metricsRoutes(metrics, metricsToken));

  if (localCa) app.route('/', caRoutes(localCa));
  if (staticDir) mountStatic(app, staticDir);

  app.notFound((c) => jsonError(c, 'not_found', 'Not found'));
  app.onError(handleError);
  return app;
}
