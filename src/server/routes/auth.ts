import { Hono } from 'hono';
import { LoginRequest, type LoginResponse, type MeResponse } from '../../core/sync/auth';
import { spendDummyVerification, verifyPassword } from '../auth/passwords';
import { toPublicUser, visibleProjectIds } from '../auth/publicUser';
import { requireUser } from '../auth/session';
import {
  admitSignIn,
  auditRefusal,
  recordSignInFailure,
  recordSignInSuccess,
  signInKeys,
} from '../auth/signInThrottle';
import { newToken, TOKEN_LIFETIME_MS } from '../auth/tokens';
import { DEFAULT_IDLE_LOCK_MINUTES, vaultSecretOf } from '../auth/vaultSecret';
import { readJson } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import { errorBody, HttpError } from '../http/errors';
import type { Storage } from '../storage/Storage';

/** `tokenLifetimeMs`: how long a session lasts (TOKEN_TTL_DAYS). */
export function authRoutes(
  storage: Storage,
  now: Clock,
  tokenLifetimeMs: number = TOKEN_LIFETIME_MS,
  idleLockMinutes: number = DEFAULT_IDLE_LOCK_MINUTES,
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const session = requireUser(storage, now);

  routes.post('/auth/login', async (c) => {
    const { username, password } = await readJson(c, LoginRequest);
    const keys = signInKeys(username, c.var.client.address);
    const admission = await admitSignIn(storage, keys, now());
    if (!admission.admitted) {
      // Locked (or a burst): refused before any password is verified, the right one included.
      await auditRefusal(storage, admission, username, c.var.client, now());
      const seconds = admission.retryAfterSeconds;
      return c.json(
        errorBody('rate_limited', `Too many sign-in attempts: try again in ${seconds} s`, {
          retryAfterSeconds: seconds,
        }),
        429,
        { 'Retry-After': String(seconds) },
      );
    }
    const user = await storage.userByUsername(username);
    // One message for every failure, and a hash spent either way, so nobody can probe for usernames.
    let valid = false;
    if (user) valid = await verifyPassword(user.passwordHash, password);
    else await spendDummyVerification(password);
    if (!user || !valid || user.disabled) {
      const reason = !user ? 'unknown_user' : !valid ? 'wrong_password' : 'disabled';
      await recordSignInFailure(
        storage,
        {
          keys,
          username,
          userId: user?.id ?? null,
          reason,
          client: c.var.client,
        },
        now(),
      );
      throw new HttpError('invalid_credentials', 'Wrong username or password');
    }
    const { token, tokenHash } = newToken();
    const at = now();
    const expiresAt = new Date(at.getTime() + tokenLifetimeMs).toISOString();
    // One commit (one sync of the WAL, off the event loop, on SQLite) rather than one fsync per write.
    const vaultSecret = await storage.transaction(async (tx) => {
      await recordSignInSuccess(tx, keys);
      await tx.insertToken({
        tokenHash,
        userId: user.id,
        createdAt: at.toISOString(),
        expiresAt,
        revokedAt: null,
      });
      await tx.audit({
        at: at.toISOString(),
        userId: user.id,
        action: 'auth.login',
        tbl: 'users',
        recordId: user.id,
        ...c.var.client,
      });
      return vaultSecretOf(tx, user.id, at);
    });
    const body: LoginResponse = {
      token,
      expiresAt,
      user: toPublicUser(user),
      vaultSecret,
      idleLockMinutes,
    };
    return c.json(body);
  });

  routes.post('/auth/logout', session, async (c) => {
    const at = now().toISOString();
    await storage.transaction(async (tx) => {
      await tx.revokeToken(c.var.tokenHash, at);
      await tx.audit({
        at,
        userId: c.var.user.id,
        action: 'auth.logout',
        tbl: 'users',
        recordId: c.var.user.id,
        ...c.var.client,
      });
    });
    return c.json({ ok: true });
  });

  routes.get('/me', session, async (c) => {
    const user = c.var.user;
    const body: MeResponse = {
      user: toPublicUser(user),
      projects: await visibleProjectIds(storage, user),
      idleLockMinutes,
    };
    return c.json(body);
  });

  return routes;
}
