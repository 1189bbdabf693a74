import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

/** Where a request came from, as the audit log and the sign-in throttle record it. */
export interface ClientInfo {
  /** The client's IP address; null when unknown (a request made in-process, as tests do). */
  address: string | null;
  userAgent: string | null;
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** The peer of the TCP connection, as @hono/node-server hands it over (no bindings in-process). */
function socketAddress(c: Context): string | null {
  const env = c.env as NodeBindings | undefined;
  const address = env?.incoming?.socket?.remoteAddress;
  if (!address) return null;
  // An IPv4 peer on a dual-stack socket: keep the address people know.
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Behind a reverse proxy (`trustProxy`), the address the proxy saw: the last one of X-Forwarded-For, which the
 * proxy appended (earlier ones are the client's own claims and could be anything). Without a proxy, that
 * header is ignored: a client could write any address in it to escape the throttle.
 */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last && last.length <= 64) return last;
  }
  return socketAddress(c);
}

/** Sets `c.var.client` for every request. */
export function clientInfo(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const userAgent = c.req.header('user-agent')?.slice(0, 300) ?? null;
    c.set('client', { address: clientAddress(c, trustProxy), userAgent });
    await next();
  };
}
