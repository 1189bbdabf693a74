import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Clock } from '../http/env';
import { jsonError } from '../http/errors';
import type { Storage } from '../storage/Storage';
import type { RateKind, RateLimits } from './config';

const NAMES: Record<RateKind, string> = {
  push: 'sync',
  media: 'file',
  export: 'export',
  public: 'public site',
};

/**
 * Counts the signed-in user's request of this kind (after `requireUser`; the public site's, per address) and refuses it with
 * `429 rate_limited` and `Retry-After` once the window's limit is passed. Fixed windows counted in the
 * database, one upsert per request, so the limit holds across every process on one PostgreSQL. Runs
 * before the body is read: a refused request costs one statement.
 */
export function rateLimit(
  storage: Storage,
  now: Clock,
  limits: RateLimits | null,
  kind: RateKind,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limit = limits?.[kind] ?? 0;
    // HEAD (is this file on the server?) is not a download: resuming uploads must stay cheap.
    if (!limits || limit === 0 || c.req.method === 'HEAD') return next();
    const at = now().getTime();
    // The public site has no user: its requests are counted per address (behind a proxy, TRUST_PROXY).
    const who = kind === 'public' ? (c.var.client.address ?? 'unknown') : c.var.user.id;
    const { count, windowStart } = await storage.limits.countRequest(
      `${kind}:${who}`,
      at - (at % limits.windowMs),
    );
    if (count <= limit) return next();
    const seconds = Math.max(1, Math.ceil((windowStart + limits.windowMs - at) / 1000));
    c.header('Retry-After', String(seconds));
    return jsonError(
      c,
      'rate_limited',
      `Too many ${NAMES[kind]} requests (${limit} per ${limits.windowMs / 1000} s): try again in ${seconds} s`,
      { retryAfterSeconds: seconds },
    );
  };
}
