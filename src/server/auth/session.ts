import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Clock } from '../http/env';
import { HttpError } from '../http/errors';
import type { Storage } from '../storage/Storage';
import { hashToken } from './tokens';

/** The bearer token of the request, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header?.trim() ?? '');
  return match?.[1];
}

/** Resolves the bearer token to its user, or refuses the request with 401. */
export function requireUser(storage: Storage, now: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new HttpError('unauthenticated', 'Sign in first');
    const tokenHash = hashToken(token);
    const record = await storage.tokenByHash(tokenHash);
    if (!record || record.revokedAt !== null)
      throw new HttpError('unauthenticated', 'Session not found or ended');
    if (Date.parse(record.expiresAt) <= now().getTime())
      throw new HttpError('token_expired', 'Session expired');
    const user = await storage.userById(record.userId);
    if (!user || user.disabled) throw new HttpError('unauthenticated', 'Session not found or ended');
    c.set('user', user);
    c.set('tokenHash', tokenHash);
    c.set('tokenClientId', record.clientId ?? null);
    await next();
  };
}
