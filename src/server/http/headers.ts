import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

/**
 * The app's pages. Maps (MapLibre, src/app/maps/mapLibrary.ts) need no more than this: their worker is a file
 * of the app's own origin (not a `blob:` worker), they use no `eval`, draw images decoded from `blob:` and
 * `data:` URLs (img-src), fetch the basemap and map packs from the origin or from the device (connect-src),
 * and MapLibre's CSS is a file (style-src 'self'; it sets styles through the CSSOM, which CSP allows).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // A form's sounds and videos, played from the device's copy (object URLs).
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * API responses are data (JSON, or a downloaded file sent as an attachment), never a page: nothing in them
 * may run or be framed. The short policy OWASP advises for APIs, which also saves about 200 bytes on every
 * sync round trip over 2G/3G.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers on every response, errors included (set after the handler, so onError's responses get them too). */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  const api = c.req.path === '/api' || c.req.path.startsWith('/api/');
  headers.set(
    'Content-Security-Policy',
    c.get('contentSecurityPolicy') ?? (api ? API_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY),
  );
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  // Beneficiary data must not linger in browser or proxy caches. A response that says how it may be kept
  // (a form's media file, the same bytes forever under its name) keeps what it says.
  if (api && !c.get('cacheable')) headers.set('Cache-Control', 'no-store');
};
