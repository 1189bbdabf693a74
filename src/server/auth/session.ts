import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Clock } from '../http/env';
import { HttpError } from '../http/errors';
import type { SessionEndReason } from '../../core/sync/auth';
import type { Storage, TokenRecord, UserRecord } from '../storage/Storage';
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
    if (!record) throw new HttpError('unauthenticated', 'Session not found or ended');
    const user = await storage.userById(record.userId);
    if (record.revokedAt !== null || !user || user.disabled)
      throw new HttpError(
        'unauthenticated',
        'Session not found or ended',
        await endReason(storage, record, user),
      );
    if (Date.parse(record.expiresAt) <= now().getTime())
      throw new HttpError('token_expired', 'Session expired');
    c.set('user', user);
    c.set('tokenHash', tokenHash);
    c.set('tokenClientId', record.clientId ?? null);
    await next();
  };
}

/**
 * Why this token's session ended for good, told to the device that holds it (and only to it: the token is
 * its proof), so that it destroys its readable copy of the user's data (src/app/vault): the account was
 * disabled, or this token's device revoked. Undefined for a session that merely ended (signed out, tokens
 * revoked for a lost tablet the user may get back, expired): those only ask to sign in again.
 */
async function endReason(
  storage: Storage,
  record: TokenRecord,
  user: UserRecord | undefined,
): Promise<{ reason: SessionEndReason } | undefined> {
  if (user?.disabled) return { reason: 'account_disabled' };
  if (!record.clientId) return undefined;
  const device = await storage.devices.get(record.clientId);
  return device?.revokedAt ? { reason: 'device_revoked' } : undefined;
}
