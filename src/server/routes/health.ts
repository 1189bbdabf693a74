import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import type { Storage } from '../storage/Storage';

/** How long /api/ready waits for the database before it calls it unreachable. */
const READY_TIMEOUT_MS = 2000;

/**
 * Two probes, as systemd, a load balancer or an orchestrator want them (docs/deploy.md):
 * - `/api/health`: the process is alive and answers (no database query, so a database outage does not
 *   get a healthy process restarted);
 * - `/api/ready`: this process can serve: the database answers a trivial query and has no migration
 *   pending; otherwise 503 with the reason, and a load balancer sends requests elsewhere.
 */
export function healthRoutes(storage: Storage): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/health', (c) => c.json({ status: 'ok', database: storage.kind }));
  routes.get('/ready', async (c) => {
    let pending: string[];
    try {
      pending = await withTimeout(storage.pendingMigrations(), READY_TIMEOUT_MS);
    } catch (err) {
      c.var.log?.warn('not ready: database unreachable', {
        reqId: c.var.reqId,
        error: err instanceof Error ? err.message : String(err),
      });
      return c.json({ status: 'unavailable', reason: 'database_unreachable' }, 503);
    }
    if (pending.length > 0)
      return c.json({ status: 'unavailable', reason: 'migrations_pending', pending }, 503);
    return c.json({ status: 'ready', database: storage.kind });
  });
  return routes;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
