import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersResponse } from '../../../src/core/sync/userAdmin';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newDeviceKeys, registerDevice } from '../devices/deviceKeys';
import { newClientId, OTHER_PROJECT, PASSWORD, setupServer, type TestServer } from '../harness';

/**
 * The users and devices page's API (src/server/routes/users.ts): the console's account operations for
 * admins, and for supervisors over the accounts whose every project is theirs; agents get 403. Every
 * operation is audited with its actor. Devices report their app version and unsent count with their pulls.
 */
describe.each(backends)('the users API on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  const as = async (username: string, path: string, json?: unknown) =>
    server.request(`/api${path}`, { token: await server.login(username), json });
  const list = async (username: string) => UsersResponse.parse(await (await as(username, '/users')).json());
  const idOf = async (username: string) => {
    const user = await server.storage.userByUsername(username);
    if (!user) throw new Error(`no ${username}`);
    return user.id;
  };

  it('refuses agents and focal points (403) and sessions without a token (401)', async () => {
    expect((await as('agent', '/users')).status).toBe(403);
    expect((await as('focal', '/users')).status).toBe(403);
    expect((await server.request('/api/users')).status).toBe(401);
    const created = await as('agent', '/users', {
      username: 'sneaky',
      displayName: 'S',
      role: 'agent',
      projectIds: [DEMO_PROJECT.id],
    });
    expect(created.status).toBe(403);
    expect((await as('agent', `/users/${await idOf('agent2')}/disable`, {})).status).toBe(403);
  });

  it('shows a supervisor the members of their projects only, and what they may give', async () => {
    const seen = await list('supervisor');
    const names = seen.users.map((u) => u.username);
    expect(names).toContain('agent2');
    expect(names).not.toContain('outsider');
    expect(seen.roles).toEqual(['agent', 'focal_point']);
    expect(seen.projectIds).toEqual([DEMO_PROJECT.id]);
    expect(seen.users.find((u) => u.username === 'agent2')?.manageable).toBe(true);
    // Themselves and an admin: seen, not theirs to change.
    expect(seen.users.find((u) => u.username === 'supervisor')?.manageable).toBe(false);
    expect(seen.users.find((u) => u.username === 'admin')?.manageable).toBe(false);
    const all = await list('admin');
    expect(all.users.map((u) => u.username)).toContain('outsider');
  });

  it('lets a supervisor create an agent in their project, never in another or with more power', async () => {
    const base = { displayName: 'Awa Maïga', password: 'une phrase assez longue' };
    const other = await as('supervisor', '/users', {
      ...base,
      username: 'awa.other',
      role: 'agent',
      projectIds: [OTHER_PROJECT],
    });
    expect(other.status).toBe(403);
    const boss = await as('supervisor', '/users', {
      ...base,
      username: 'awa.boss',
      role: 'supervisor',
      projectIds: [DEMO_PROJECT.id],
    });
    expect(boss.status).toBe(403);
    const made = await as('supervisor', '/users', {
      ...base,
      username: 'awa',
      role: 'agent',
      projectIds: [DEMO_PROJECT.id],
    });
    expect(made.status).toBe(201);
    expect(await made.json()).toEqual({ ok: true, userId: await idOf('awa') });
    // The new account signs in with its password.
    expect(
      (await server.request('/api/auth/login', { json: { username: 'awa', password: base.password } }))
        .status,
    ).toBe(200);
    const [entry] = await server.storage.listAudit(1, { action: 'user.create' });
    expect(entry).toMatchObject({ userId: await idOf('supervisor'), recordId: await idOf('awa') });
    // A weak password or a taken name is the user's to fix: 400 with the reason.
    const weak = await as('supervisor', '/users', {
      ...base,
      username: 'awa2',
      role: 'agent',
      password: 'short',
      projectIds: [DEMO_PROJECT.id],
    });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ error: { details: { reason: 'weak_password' } } });
    const taken = await as('supervisor', '/users', {
      ...base,
      username: 'awa',
      role: 'agent',
      projectIds: [DEMO_PROJECT.id],
    });
    expect(taken.status).toBe(400);
    expect(await taken.json()).toMatchObject({ error: { details: { reason: 'username_taken' } } });
  });

  it("refuses a supervisor another project's member, and an account that also works elsewhere", async () => {
    const outsider = await idOf('outsider');
    for (const op of ['disable', 'enable', 'password', 'role', 'projects'])
      expect((await as('supervisor', `/users/${outsider}/${op}`, {})).status).toBe(403);
    // agent2 joins the other project too (an admin's act): the supervisor no longer manages them alone.
    const agent2 = await idOf('agent2');
    expect(
      (await as('admin', `/users/${agent2}/projects`, { join: [OTHER_PROJECT], leave: [] })).status,
    ).toBe(200);
    expect((await as('supervisor', `/users/${agent2}/disable`, {})).status).toBe(403);
    // Back to the demo project alone: theirs again.
    expect(
      (await as('admin', `/users/${agent2}/projects`, { join: [], leave: [OTHER_PROJECT] })).status,
    ).toBe(200);
    expect((await list('supervisor')).users.find((u) => u.username === 'agent2')?.manageable).toBe(true);
  });

  it('resets a password (generated, shown once), changes a role, disables and enables, all audited', async () => {
    const made = await as('supervisor', '/users', {
      username: 'moussa',
      displayName: 'Moussa',
      role: 'agent',
      projectIds: [DEMO_PROJECT.id],
    });
    const { userId, password } = (await made.json()) as { userId: string; password: string };
    expect(password.length).toBeGreaterThanOrEqual(12);
    const signIn = (p: string) =>
      server.request('/api/auth/login', { json: { username: 'moussa', password: p } });
    const first = (await (await signIn(password)).json()) as { token: string };

    const reset = await as('supervisor', `/users/${userId}/password`, {});
    const { password: next } = (await reset.json()) as { password: string };
    expect(next).not.toBe(password);
    // The reset ended the account's sessions.
    expect((await server.request('/api/me', { token: first.token })).status).toBe(401);
    expect((await signIn(password)).status).toBe(401);
    expect((await signIn(next)).status).toBe(200);
    expect((await as('supervisor', `/users/${userId}/password`, { password: PASSWORD })).status).toBe(200);

    expect((await as('supervisor', `/users/${userId}/role`, { role: 'focal_point' })).status).toBe(200);
    expect((await server.storage.userById(userId))?.role).toBe('focal_point');
    expect((await as('supervisor', `/users/${userId}/role`, { role: 'admin' })).status).toBe(403);
    expect((await as('supervisor', `/users/${userId}/role`, { role: 'boss' })).status).toBe(400);

    expect((await as('supervisor', `/users/${userId}/disable`, {})).status).toBe(200);
    expect((await signIn(PASSWORD)).status).toBe(401);
    expect((await list('supervisor')).users.find((u) => u.id === userId)?.disabled).toBe(true);
    expect((await as('supervisor', `/users/${userId}/enable`, {})).status).toBe(200);
    expect((await signIn(PASSWORD)).status).toBe(200);

    const supervisor = await idOf('supervisor');
    const actions = (await server.storage.listAudit(20, { userId: supervisor }))
      .filter((e) => e.recordId === userId)
      .map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'user.password_reset',
        'user.role',
        'user.disable',
        'user.enable',
      ]),
    );
    // The password itself is never in the log.
    const logged = JSON.stringify(await server.storage.listAudit(50));
    expect(logged).not.toContain(next);
  });

  it('an admin may not disable or demote themselves', async () => {
    const admin = await idOf('admin');
    expect((await as('admin', `/users/${admin}/disable`, {})).status).toBe(403);
    expect((await as('admin', `/users/${admin}/role`, { role: 'agent' })).status).toBe(403);
  });

  it('lists devices with the app version and unsent count they report, and revokes one', async () => {
    const clientId = newClientId();
    const { token } = await registerDevice(server, 'agent2', clientId, await newDeviceKeys(), {
      appVersion: '1.0.0',
    });
    const pull = (query: string) =>
      server.request(`/api/sync/pull?cursor=0&limit=10&protocol=3&clientId=${clientId}${query}`, { token });
    expect((await pull('&appVersion=1.2.0&unsent=4')).status).toBe(200);
    const device = () => list('supervisor').then((r) => r.devices.find((d) => d.clientId === clientId));
    expect(await device()).toMatchObject({ appVersion: '1.2.0', unsent: 4, manageable: true });
    // A new count is written at once, even within the minute that spares repeated pulls a write.
    expect((await pull('&appVersion=1.2.0&unsent=0')).status).toBe(200);
    expect((await device())?.unsent).toBe(0);
    // Malformed counts are 400s; older apps that send none are answered as before.
    expect((await pull('&unsent=-1')).status).toBe(400);
    expect((await pull('&unsent=many')).status).toBe(400);
    expect((await pull('')).status).toBe(200);
    expect((await device())?.unsent).toBe(0);

    // The outsider's device is not the supervisor's to see or revoke.
    const outsiderDevice = newClientId();
    await registerDevice(server, 'outsider', outsiderDevice, await newDeviceKeys());
    expect((await list('supervisor')).devices.map((d) => d.clientId)).not.toContain(outsiderDevice);
    expect((await as('supervisor', `/users/devices/${outsiderDevice}/revoke`, {})).status).toBe(403);
    expect((await as('agent', `/users/devices/${clientId}/revoke`, {})).status).toBe(403);
    expect((await as('supervisor', '/users/devices/nope/revoke', {})).status).toBe(404);

    expect((await as('supervisor', `/users/devices/${clientId}/revoke`, {})).status).toBe(200);
    expect((await device())?.revokedAt).not.toBeNull();
    expect((await pull('')).status).toBe(401);
    const [entry] = await server.storage.listAudit(1, { action: 'device.revoke' });
    expect(entry).toMatchObject({ userId: await idOf('supervisor'), recordId: clientId });
  });
});
