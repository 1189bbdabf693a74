import { randomUUID } from 'node:crypto';
import { routePath } from 'hono/route';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env';
import type { Logger } from './log';
import type { ServerMetrics } from './metrics';

/** A proxy's or client's id is kept when it is a plain token; anything else is replaced by our own. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Probes hit these every few seconds: their lines are debug, so the log holds requests people made. */
const PROBES = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * Every request gets an id (the incoming X-Request-Id when sane, else a UUID), echoed in the answer's
 * X-Request-Id, one log line (method, path without its query string, status, ms) and its metrics. Nothing
 * else of the request is logged: not the query, body, Authorization header, cookies or who made it.
 */
export function observeRequests({
  log,
  metrics,
}: {
  log: Logger;
  metrics: ServerMetrics;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const reqId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('reqId', reqId);
    c.set('log', log);
    c.header('X-Request-Id', reqId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    // A Response a handler built itself did not get the header set above.
    if (!c.res.headers.has('X-Request-Id')) {
      try {
        c.res.headers.set('X-Request-Id', reqId);
      } catch {
        // Immutable headers (a Response passed through from fetch): the id stays in the log only.
      }
    }
    const { method, path } = c.req;
    const status = c.res.status;
    metrics.request(method, routePath(c), status, seconds);
    countSync(c.var.sync, metrics);
    const fields = { reqId, method, path, status, ms: Math.round(seconds * 10_000) / 10 };
    if (status >= 500) log.error('request', fields);
    else if (PROBES.has(path)) log.debug('request', fields);
    else log.info('request', fields);
  };
}

function countSync(sync: AppEnv['Variables']['sync'], metrics: ServerMetrics): void {
  if (!sync) return;
  if (sync.pushed) {
    metrics.pushes.inc();
    for (const [result, n] of Object.entries(sync.pushed)) metrics.mutations.inc({ result }, n);
  }
  if (sync.pulled !== undefined) {
    metrics.pulls.inc();
    metrics.pulledChanges.inc({}, sync.pulled);
  }
}
