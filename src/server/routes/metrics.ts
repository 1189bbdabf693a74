import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { jsonError } from '../http/errors';
import type { ServerMetrics } from '../observe/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in Prometheus's text format, for a scraper holding METRICS_TOKEN
 * (`Authorization: Bearer <token>`). Without a token configured the route does not exist (404), so a
 * server nobody monitors shows nothing of its traffic.
 */
export function metricsRoutes(metrics: ServerMetrics, token: string | undefined): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // A 404 of its own: otherwise the PWA's fallback would answer with index.html.
  if (!token) return routes.all('/metrics', (c) => jsonError(c, 'not_found', 'Not found'));
  const expected = digest(token);
  routes.get('/metrics', (c) => {
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    // Hashes of equal length, compared in constant time: the answer's timing tells nothing of the token.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return jsonError(c, 'unauthenticated', 'A valid metrics token is required');
    }
    c.header('Cache-Control', 'no-store');
    return c.body(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return routes;
}
