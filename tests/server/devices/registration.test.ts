import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterDeviceResponse } from '../../../src/core/sync/devices';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { freshLogin, newDeviceKeys, publicJwk, registerDevice } from './deviceKeys';

/**
 * A device id belongs to the account that first used it (issue 11, hole 1): a push or a registration that
 * reuses another account's clientId is refused (403) and audited (`device.refused`), the entry surviving
 * the refusal's rollback. Registration stores one key per device and binds the session to the device.
 */
describe.each(backends)('device ownership and registration on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  const idOf = async (username: string) => (await server.storage.userByUsername(username))!.id;
  const refusedEntries = async (clientId: string) =>
    (await server.storage.listAudit(1000, { action: 'device.refused' })).filter(
      (e) => e.recordId === clientId,
    );

  it("refuses and audits a push under another account's device id", async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1)]);
    const stolen = submission(clientId, 2);
    const { status, body } = await server.push('agent2', clientId, [stolen], 3);
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: 'forbidden', details: { reason: 'owner', clientId } });
    // The refusal names no owner to the one who tried.
    expect(JSON.stringify(body)).not.toContain(await idOf('agent'));
    expect(await server.storage.getEntity('submissions', stolen.id)).toBeUndefined();
    expect(await refusedEntries(clientId)).toMatchObject([
      {
        userId: await idOf('agent2'),
        action: 'device.refused',
        tbl: 'clients',
        details: { clientId, owner: await idOf('agent'), tried: await idOf('agent2'), via: 'push' },
      },
    ]);
    // The owner goes on.
    const next = await server.push('agent', clientId, [submission(clientId, 2)]);
    expect(next.body.results[0]?.status).toBe('applied');
  });

  it('registers a key once: 201, the same key 200, another key 409, bad keys 400', async () => {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    const first = await registerDevice(server, 'agent', clientId, keys, { appVersion: '0.1.0' });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const { registeredAt } = RegisterDeviceResponse.parse(first.json);
    expect(registeredAt).toBe(server.clock.now.toISOString());

    const again = await registerDevice(server, 'agent', clientId, keys, { token: first.token });
    expect(again).toMatchObject({ status: 200, json: { clientId, registeredAt } });
    // From another session of the same account too (the user signed in again).
    expect((await registerDevice(server, 'agent', clientId, keys)).status).toBe(200);

    const other = await registerDevice(server, 'agent', clientId, await newDeviceKeys());
    expect(other).toMatchObject({
      status: 409,
      json: { error: { code: 'conflict', details: { reason: 'key' } } },
    });
    const stored = await server.storage.devices.get(clientId);
    expect(stored).toMatchObject({
      userId: await idOf('agent'),
      appVersion: '0.1.0',
      keyRegisteredAt: registeredAt,
    });
    expect(stored?.publicKey).toEqual(await publicJwk(keys));
    expect(await refusedEntries(clientId)).toMatchObject([{ details: { reason: 'key', via: 'register' } }]);
    const [registered] = (await server.storage.listAudit(1000, { action: 'device.register' })).filter(
      (e) => e.recordId === clientId,
    );
    expect(registered).toMatchObject({ userId: await idOf('agent'), details: { appVersion: '0.1.0' } });

    const token = await freshLogin(server, 'agent');
    const jwk = await publicJwk(keys);
    for (const json of [
      { clientId: newClientId(), publicKey: { ...jwk, x: 'A'.repeat(43) } },
      { clientId: newClientId(), publicKey: { ...jwk, crv: 'P-384' } },
      { clientId: 'short', publicKey: jwk },
      { clientId: newClientId(), publicKey: jwk, appVersion: '<script>' },
      { clientId: newClientId() },
    ]) {
      const res = await server.request('/api/devices', { token, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    expect((await server.request('/api/devices', { json: { clientId, publicKey: jwk } })).status).toBe(401);
  });

  it("refuses and audits a registration of another account's device id", async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1)]);
    const refused = await registerDevice(server, 'supervisor', clientId, await newDeviceKeys());
    expect(refused).toMatchObject({ status: 403, json: { error: { details: { reason: 'owner' } } } });
    expect(await refusedEntries(clientId)).toMatchObject([
      { userId: await idOf('supervisor'), details: { owner: await idOf('agent'), via: 'register' } },
    ]);
    // The owner registers it.
    expect((await registerDevice(server, 'agent', clientId, await newDeviceKeys())).status).toBe(201);
    // A device registered first is its registrant's: another account's push is refused.
    const registeredFirst = newClientId();
    expect((await registerDevice(server, 'agent2', registeredFirst, await newDeviceKeys())).status).toBe(201);
    expect((await server.push('agent', registeredFirst, [submission(registeredFirst, 1)])).status).toBe(403);
  });

  it('binds the session to its device: it registers and pushes for no other', async () => {
    const mine = newClientId();
    const { token } = await registerDevice(server, 'agent', mine, await newDeviceKeys());
    const other = newClientId();
    const second = await registerDevice(server, 'agent', other, await newDeviceKeys(), { token });
    expect(second).toMatchObject({ status: 403, json: { error: { details: { reason: 'session' } } } });
    const push = (clientId: string) =>
      server.request('/api/sync/push', {
        token,
        json: {
          protocol: 3,
          clientId,
          mutations: [{ ...submission(clientId, 1), mutationId: undefined, clientId: undefined }],
        },
      });
    expect((await push(other)).status).toBe(403);
    // Newest first.
    expect((await refusedEntries(other)).map((e) => e.details)).toMatchObject([
      { reason: 'session', via: 'push' },
      { reason: 'session', via: 'register' },
    ]);
    expect((await push(mine)).status).toBe(200);
    expect((await server.storage.devices.get(mine))?.lastPushAt).toBe(server.clock.now.toISOString());
  });
});
