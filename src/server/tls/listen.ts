import { serve, type ServerType } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { redirectApp } from './redirect';
import type { TlsSettings } from './config';

type Fetch = Parameters<typeof serve>[0]['fetch'];

export interface Listening {
  server: ServerType;
  port: number;
  close(): Promise<void>;
}

function started(server: ServerType): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Idle keep-alive connections would otherwise hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}

/** The app over HTTP, or over HTTPS with `tls`'s key and certificate. */
export function listen(fetch: Fetch, port: number, hostname: string, tls?: TlsSettings): Promise<Listening> {
  if (!tls) return started(serve({ fetch, port, hostname }));
  return started(
    serve({
      fetch,
      port,
      hostname,
      createServer: createHttpsServer,
      serverOptions: { key: tls.key, cert: tls.cert },
    }),
  );
}

/** The plain HTTP listener that sends browsers to HTTPS on `httpsPort` (src/server/tls/redirect.ts). */
export function listenRedirect(tls: TlsSettings, httpsPort: number, hostname: string): Promise<Listening> {
  return started(
    serve({ fetch: redirectApp(httpsPort, tls.caCert).fetch, port: tls.httpPort ?? 0, hostname }),
  );
}
