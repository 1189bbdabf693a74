import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devicesCommand, listDevices, revokeDevice } from '../../../src/server/devices/commands';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { freshLogin, newDeviceKeys, registerDevice } from './deviceKeys';

/**
 * Device management (`npm run cli -- users devices`): each device with its user, last push and pull, app
 * version and key; revoking one ends its sessions at once and refuses its pushes, registrations and pulls.
 */
describe.each(backends)('devices listed and revoked on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  const at = (offsetMs: number) => new Date(server.clock.now.getTime() + offsetMs).toISOString();
  const pushWith = (token: string, clientId: string, seq: number) => {
    const { mutationId: _m, clientId: _c, ...mutation } = submission(clientId, seq);
    return server.request('/api/sync/push', {
      token,
      json: { protocol: 3, clientId, mutations: [mutation] },
    });
  };
  const pullWith = (token: string, query: string) =>
    server.request(`/api/sync/pull?cursor=0&limit=10&protocol=3${query}`, { token });

  it('lists each device with its last push and pull, app version and key', async () => {
    const clientId = newClientId();
    const { token } = await registerDevice(server, 'agent2', clientId, await newDeviceKeys(), {
      appVersion: '0.1.0',
    });
    const pushedAt = server.clock.now.toISOString();
    expect((await pushWith(token, clientId, 1)).status).toBe(200);

    server.clock.now = new Date(server.clock.now.getTime() + 10_000);
    expect((await pullWith(token, `&clientId=${clientId}&appVersion=0.2.0`)).status).toBe(200);
    const pulledAt = server.clock.now.toISOString();
    // Another pull within the minute is not written again; one after it, or with a new version, is.
    server.clock.now = new Date(server.clock.now.getTime() + 30_000);
    expect((await pullWith(token, `&clientId=${clientId}&appVersion=0.2.0`)).status).toBe(200);
    expect((await server.storage.devices.get(clientId))?.lastPullAt).toBe(pulledAt);
    server.clock.now = new Date(server.clock.now.getTime() + 31_000);
    expect((await pullWith(token, `&clientId=${clientId}&appVersion=0.2.0`)).status).toBe(200);
    expect((await server.storage.devices.get(clientId))?.lastPullAt).toBe(at(0));
    // Older apps name no device: answered as before, nothing recorded.
    expect((await pullWith(token, '')).status).toBe(200);
    // A malformed clientId or version is a 400, not a 500.
    expect((await pullWith(token, '&clientId=x')).status).toBe(400);
    expect((await pullWith(token, '&appVersion=%3Cb%3E')).status).toBe(400);

    const [listed] = await listDevices(server.storage, 'agent2');
    expect(listed).toMatchObject({
      clientId,
      username: 'agent2',
      lastPushAt: pushedAt,
      lastPullAt: at(0),
      appVersion: '0.2.0',
      revokedAt: null,
    });
    const lines: string[] = [];
    await devicesCommand(server.storage, ['agent2'], (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(
      new RegExp(`${clientId}\\s+agent2\\s+${pushedAt}\\s+\\S+\\s+0\\.2\\.0\\s+key registered`),
    );
    await expect(devicesCommand(server.storage, ['nobody'], () => undefined)).rejects.toThrow('nobody');
  });

  it('revokes a device: its sessions end at once, its pushes, registrations and pulls are refused', async () => {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    const { token } = await registerDevice(server, 'agent', clientId, keys);
    expect((await pushWith(token, clientId, 1)).status).toBe(200);
    // Another session of the same user that registered no device (the harness's) is not ended.
    const unbound = await server.login('agent');

    const lines: string[] = [];
    await devicesCommand(server.storage, ['revoke', clientId], (l) => lines.push(l));
    expect(lines.join('\n')).toContain(`Revoked device ${clientId} of agent: 1 session(s) ended`);
    const agent = await server.storage.userByUsername('agent');
    expect(await server.storage.listAudit(1, { action: 'device.revoke' })).toMatchObject([
      { userId: null, onBehalfOf: agent!.id, recordId: clientId, details: { tokens: 1 } },
    ]);

    expect((await pullWith(token, '')).status).toBe(401);
    expect((await pushWith(token, clientId, 2)).status).toBe(401);
    expect((await pullWith(unbound, '')).status).toBe(200);

    // Signed in again on the revoked device: nothing it sends is taken.
    const again = await freshLogin(server, 'agent');
    const push = await pushWith(again, clientId, 2);
    expect(push.status).toBe(403);
    expect(await push.json()).toMatchObject({ error: { details: { reason: 'revoked' } } });
    const register = await registerDevice(server, 'agent', clientId, keys, { token: again });
    expect(register).toMatchObject({ status: 403, json: { error: { details: { reason: 'revoked' } } } });
    expect((await pullWith(again, `&clientId=${clientId}`)).status).toBe(403);
    expect((await server.storage.devices.get(clientId))?.lastSeq).toBe(1);
    const refused = (await server.storage.listAudit(100, { action: 'device.refused' })).filter(
      (e) => e.recordId === clientId,
    );
    expect(refused.map((e) => (e.details as { via: string }).via)).toEqual(['pull', 'register', 'push']);

    // Revoking again says so; an unknown device is an error.
    const twice = await revokeDevice(server.storage, clientId, server.clock.now);
    expect(twice).toMatchObject({ already: true, tokens: 0 });
    await expect(revokeDevice(server.storage, newClientId(), server.clock.now)).rejects.toThrow('No device');
  });
});
