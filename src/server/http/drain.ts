import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long a shutdown waits for the requests under way (SHUTDOWN_GRACE_SECONDS overrides it). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

interface Closable {
  on(event: 'request', listener: (req: IncomingMessage, res: ServerResponse) => void): unknown;
  close(callback: () => void): unknown;
  closeIdleConnections?(): void;
  closeAllConnections?(): void;
}

/**
 * A graceful stop for a Node HTTP(S) server: `drain()` stops accepting connections, lets the requests under
 * way finish (each gets its answer), closes every connection as soon as none is left, or after `graceMs`
 * whatever remains, and resolves once the server is closed. Keep-alive connections would otherwise hold
 * `server.close()` open until the client hangs up.
 */
export function drainable(s: Closable): { drain(graceMs: number): Promise<void> } {
  let inFlight = 0;
  let draining = false;
  s.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (draining && inFlight === 0) s.closeAllConnections?.();
    });
  });
  return {
    drain(graceMs: number) {
      draining = true;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => s.closeAllConnections?.(), graceMs);
        timer.unref();
        s.close(() => {
          clearTimeout(timer);
          resolve();
        });
        if (inFlight === 0) s.closeAllConnections?.();
        else s.closeIdleConnections?.();
      });
    },
  };
}

export function shutdownGraceMsFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SHUTDOWN_GRACE_MS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(`SHUTDOWN_GRACE_SECONDS must be a number of seconds, got ${value}`);
  return seconds * 1000;
}
