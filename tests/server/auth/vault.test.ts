import { afterEach, describe, expect, it } from 'vitest';
import { LoginResponse, MeResponse } from '../../../src/core/sync/auth';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { idleLockMinutesFromEnv } from '../../../src/server/auth/vaultSecret';
import { revokeDevice } from '../../../src/server/devices/commands';
import { disableUser, resetPassword, revokeTokens } from '../../../src/server/users/commands';
import { backends } from '../backends';
import { newClientId, PASSWORD, setupServer, type TestServer } from '../harness';
import { freshLogin, newDeviceKeys, registerDevice } from '../devices/deviceKeys';

/**
 * The server's part of the device vault (issue 12): the per-account secret the sign-in answer carries, so a
 * device keeps its data through a password reset; the idle time before the app locks; and a 401 that tells
 * a device its account was disabled or it was revoked, so it destroys its readable data.
 */
describe.each(backends)('the device vault on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const signIn = async (s: TestServer, username: string, password = PASSWORD) => {
    const res = await s.request('/api/auth/login', { json: { username, password } });
    expect(res.status).toBe(200);
    return LoginResponse.parse(await res.json());
  };

  it('gives each account one secret at every sign-in, kept through a password reset, and the idle time', async () => {
    server = await setupServer(backend, { idleLockMinutes: 7 });
    const first = await signIn(server, 'agent');
    expect(first.vaultSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.idleLockMinutes).toBe(7);
    expect((await signIn(server, 'agent')).vaultSecret).toBe(first.vaultSecret);
    expect((await signIn(server, 'focal')).vaultSecret).not.toBe(first.vaultSecret);

    const reset = 'une-nouvelle-phrase-pour-agent';
    await resetPassword(server.storage, 'agent', new Date(), { password: reset, cost: TEST_PASSWORD_COST });
    expect((await signIn(server, 'agent', reset)).vaultSecret).toBe(first.vaultSecret);

    // A bearer token alone never gets it: /api/me says the idle time, not the secret.
    const me = await server.request('/api/me', { token: (await signIn(server, 'agent', reset)).token });
    const body = MeResponse.parse(await me.json());
    expect(body.idleLockMinutes).toBe(7);
    expect(JSON.stringify(body)).not.toContain(first.vaultSecret!);
  });

  it('tells a device its account was disabled or it was revoked, and says nothing for other ended sessions', async () => {
    server = await setupServer(backend);
    const reasonOf = async (token: string) => {
      const res = await server!.request('/api/me', { token });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { details?: { reason?: string } } };
      return body.error.details?.reason ?? null;
    };

    const signedOut = await freshLogin(server, 'agent');
    await server.request('/api/auth/logout', { token: signedOut, json: {} });
    expect(await reasonOf(signedOut)).toBeNull();
    const lost = await freshLogin(server, 'agent');
    await revokeTokens(server.storage, 'agent', new Date());
    expect(await reasonOf(lost)).toBeNull();

    const clientId = newClientId();
    const { token: deviceToken } = await registerDevice(server, 'agent2', clientId, await newDeviceKeys());
    const otherDevice = await freshLogin(server, 'agent2');
    await revokeDevice(server.storage, clientId, new Date());
    expect(await reasonOf(deviceToken)).toBe('device_revoked');
    // Another session of the same account, on no revoked device, is not told so.
    expect((await server.request('/api/me', { token: otherDevice })).status).toBe(200);

    const focal = await freshLogin(server, 'focal');
    await disableUser(server.storage, 'focal', new Date());
    expect(await reasonOf(focal)).toBe('account_disabled');
  });

  it('reads IDLE_LOCK_MINUTES: 15 by default, fractions allowed, nonsense refused', () => {
    expect(idleLockMinutesFromEnv(undefined)).toBe(15);
    expect(idleLockMinutesFromEnv(' ')).toBe(15);
    expect(idleLockMinutesFromEnv('0.5')).toBe(0.5);
    expect(() => idleLockMinutesFromEnv('0')).toThrow(/IDLE_LOCK_MINUTES/);
    expect(() => idleLockMinutesFromEnv('2000')).toThrow(/IDLE_LOCK_MINUTES/);
    expect(() => idleLockMinutesFromEnv('quinze')).toThrow(/IDLE_LOCK_MINUTES/);
  });
});
