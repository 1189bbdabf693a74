import { X509Certificate } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { UI_LANGUAGES } from '../../core/i18n/uiLanguages';
import type { AppEnv } from '../http/env';
import { requestLanguage } from '../http/language';
import { caPageHtml } from './caPage';

const Query = z.object({ lang: z.enum(UI_LANGUAGES).optional() });

/**
 * The request's address over HTTPS, as the tablet reached this server (its Host), on `httpsPort` if given;
 * `root`: the app's home rather than the requested path. The path is set, never resolved: `//other.host/`
 * must stay a path on this server, not become another site.
 */
export function httpsUrl(c: Context, httpsPort: number | undefined, root = false): string {
  const url = new URL(c.req.url);
  url.protocol = 'https:';
  if (httpsPort !== undefined) url.port = httpsPort === 443 ? '' : String(httpsPort);
  if (root) {
    url.pathname = '/';
    url.search = '';
  }
  url.hash = '';
  return url.href;
}

/**
 * The local authority for tablets to install: GET /ca.crt (its certificate in DER, the form Android's
 * "Install a certificate" takes, as a download) and GET /ca (how to install it). Only the certificate is
 * ever read here (`caPem`): the authority's key stays in its file. `httpsPort`: on the plain HTTP listener,
 * the port the page sends tablets to afterwards.
 */
export function caRoutes(caPem: string, httpsPort?: number): Hono<AppEnv> {
  const ca = new X509Certificate(caPem);
  const der = new Uint8Array(ca.raw);
  const app = new Hono<AppEnv>();
  app.get('/ca.crt', (c) =>
    c.body(der, 200, {
      'Content-Type': 'application/x-x509-ca-cert',
      'Content-Disposition': 'attachment; filename="terrain-ca.crt"',
      'Cache-Control': 'no-cache',
    }),
  );
  app.get('/ca', (c) => {
    const query = Query.safeParse(c.req.query());
    const language = (query.success && query.data.lang) || requestLanguage(c.req.header('accept-language'));
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Language', language);
    c.header('Vary', 'Accept-Language');
    return c.html(caPageHtml(language, httpsUrl(c, httpsPort, true), ca.fingerprint256));
  });
  return app;
}
