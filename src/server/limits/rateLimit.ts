import type { Context, MiddlewareHandler } from 'hono';
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

/** Whose requests a limit counts together: the route says (a signed-in user, an address…). */
export type RateKey = (c: Context<AppEnv>) => string;

/** The signed-in user (after `requireUser`): the default. */
export const byUser: RateKey = (c) => c.var.user.id;

/** The client's address (behind a proxy, TRUST_PROXY): for routes with no user, such as the public site's. */
export const byAddress: RateKey = (c) => c.var.client.address ?? 'unknown';

/**
 * Counts a request of this kind, per `key` (by default the signed-in user) and refuses it with
 * `429 rate_limited` and `Retry-After` once the window's limit is passed. Fixed windows counted in the
 * database, one upsert per request, so the limit holds across every process on one PostgreSQL. Runs
 * before the body is read: a refused request costs one statement.
 */
export function rateLimit(
  storage: Storage,
  now: Clock,
  limits: RateLimits | null,
  kind: RateKind,
  key: RateKey = byUser,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limit = limits?.[kind] ?? 0;
    // HEAD (is this file on the server?) is not a download: resuming uploads must stay cheap.
    if (!limits || limit === 0 || c.req.method === 'HEAD') return next();
    const at = now().getTime();
    const who = key(c);
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
