import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { securityHeaders } from '../http/headers';
import { caRoutes, httpsUrl } from './caRoutes';

/**
 * The plain HTTP listener beside HTTPS (HTTP_PORT): every request is sent to the same path over HTTPS
 * (308, which keeps the method and body), except the local authority's page and certificate, which a tablet
 * needs before it can trust HTTPS at all. Its responses never carry Strict-Transport-Security.
 */
export function redirectApp(httpsPort: number, caCert?: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders);
  if (caCert) app.route('/', caRoutes(caCert, httpsPort));
  app.all('*', (c) => c.redirect(httpsUrl(c, httpsPort), 308));
  return app;
}
