import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env';

/**
 * One year, the usual value. No `includeSubDomains` or `preload`: the server cannot know what else lives
 * under its domain. Browsers ignore it for IP addresses and on a certificate they had to be told to accept.
 */
export const HSTS = 'max-age=31536000';

/**
 * Whether the browser reached us over HTTPS: the connection was TLS (@hono/node-server builds the URL from
 * it), or, behind a trusted reverse proxy, the proxy says so in X-Forwarded-Proto (its last entry, the one it
 * appended). Without TRUST_PROXY that header is any client's claim and is ignored.
 */
export function viaHttps(c: Context, trustProxy: boolean): boolean {
  if (c.req.url.startsWith('https:')) return true;
  if (!trustProxy) return false;
  const proto = c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase();
  return proto === 'https';
}

/** Strict-Transport-Security on responses given over HTTPS only (RFC 6797 §7.2: never over plain HTTP). */
export function hsts(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (viaHttps(c, trustProxy)) c.res.headers.set('Strict-Transport-Security', HSTS);
  };
}
