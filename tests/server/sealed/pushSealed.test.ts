import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse, WireMutation } from '../../../src/core/sync/protocol';
import {
  sealForServer,
  ServerKeyResponse,
  signSealed,
  type SealedChange,
} from '../../../src/core/sync/sealed';
import { createApp } from '../../../src/server/app';
import { revokeDevice } from '../../../src/server/devices/commands';
import { backends } from '../backends';
import { newDeviceKeys, registerDevice } from '../devices/deviceKeys';
import {
  newClientId,
  OTHER_PROJECT,
  setupServer,
  submission,
  TEST_LIMITS,
  type TestServer,
} from '../harness';

/** A device's sealed changes: each change sealed to the server's key and signed by the device's key. */
async function seal(
  server: ServerKeyResponse,
  keys: CryptoKeyPair,
  clientId: string,
  mutations: WireMutation[],
): Promise<SealedChange[]> {
  return Promise.all(
    mutations.map(async ({ clientId: _c, mutationId: _m, ...m }) => {
      const box = await sealForServer(server, new TextEncoder().encode(JSON.stringify(m)));
      return { seq: m.seq, box, signature: await signSealed(keys.privateKey, clientId, m.seq, box) };
    }),
  );
}

describe.each(backends)('sealed push on $name', (backend) => {
  let server: TestServer;
  let serverKey: ServerKeyResponse;
  beforeAll(async () => {
    server = await setupServer(backend);
    const res = await server.request('/api/server-key', { token: await server.login('admin') });
    expect(res.status).toBe(200);
    serverKey = ServerKeyResponse.parse(await res.json());
  });
  afterAll(async () => {
    await server?.close();
  });

  /** An agent's device, registered with its key, and `count` sealed submissions of it. */
  async function agentDevice(username = 'agent', count = 2, projectId?: string) {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    expect((await registerDevice(server, username, clientId, keys)).status).toBe(201);
    const mutations = Array.from({ length: count }, (_, i) =>
      submission(clientId, i + 1, projectId ? { fields: { projectId } } : {}),
    );
    return { clientId, keys, mutations, changes: await seal(serverKey, keys, clientId, mutations) };
  }

  async function pushSealed(username: string | null, body: unknown) {
    const res = await server.request('/api/sync/push-sealed', {
      ...(username ? { token: await server.login(username) } : {}),
      json: body,
    });
    return {
      status: res.status,
      body: (await res.json()) as PushResponse & { error?: { details?: unknown } },
    };
  }

  it('keeps one key per server, which every process of the database reads', async () => {
    const other = createApp({ storage: server.storage, limits: TEST_LIMITS, now: () => server.clock.now });
    const res = await other.request('/api/server-key', {
      headers: { authorization: `Bearer ${await server.login('agent')}` },
    });
    expect(ServerKeyResponse.parse(await res.json())).toEqual(serverKey);
    expect((await server.request('/api/server-key')).status).toBe(401);
  });

  it("applies a device's sealed changes as its own push, sent by its user or by another user of the tablet", async () => {
    const own = await agentDevice();
    const sent = await pushSealed('agent', { protocol: 4, clientId: own.clientId, changes: own.changes });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const agent = await server.storage.userByUsername('agent');
    const stored = await server.storage.getEntity('submissions', own.mutations[0]!.id);
    expect(stored?.createdBy).toBe(agent!.id);

    // The supervisor syncs another agent's tablet at base: the changes stay the agent's.
    const other = await agentDevice('agent2');
    const bySupervisor = await pushSealed('supervisor', {
      protocol: 4,
      clientId: other.clientId,
      changes: other.changes,
    });
    expect(bySupervisor.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const agent2 = await server.storage.userByUsername('agent2');
    const supervisor = await server.storage.userByUsername('supervisor');
    expect((await server.storage.getEntity('submissions', other.mutations[1]!.id))?.createdBy).toBe(
      agent2!.id,
    );
    const [entry] = await server.storage.listAudit(1, { action: 'submission.import' });
    expect(entry).toMatchObject({ userId: supervisor!.id, onBehalfOf: agent2!.id });

    // Sent again (a lost answer): nothing twice.
    const again = await pushSealed('supervisor', {
      protocol: 4,
      clientId: other.clientId,
      changes: other.changes,
    });
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
  });

  it('refuses the whole batch when the sender may not bring a change in, using up no seq', async () => {
    const device = await agentDevice();
    const refused = await pushSealed('outsider', {
      protocol: 4,
      clientId: device.clientId,
      changes: device.changes,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.details).toMatchObject({ seq: 1 });
    const later = await pushSealed('agent', {
      protocol: 4,
      clientId: device.clientId,
      changes: device.changes,
    });
    expect(later.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('refuses changes altered on the way, forged by another key, of an unregistered or revoked device', async () => {
    const device = await agentDevice();
    const [first] = device.changes;
    const flip = (text: string) => (text[5] === 'A' ? 'B' : 'A') + text.slice(1);
    const altered = { ...first!, box: { ...first!.box, ct: flip(first!.box.ct) } };
    const tampered = await pushSealed('agent', {
      protocol: 4,
      clientId: device.clientId,
      changes: [altered],
    });
    expect(tampered).toMatchObject({
      status: 403,
      body: { error: { details: { reason: 'signature', seq: 1 } } },
    });

    const forged = await seal(
      serverKey,
      await newDeviceKeys(),
      device.clientId,
      device.mutations.slice(0, 1),
    );
    const byOtherKey = await pushSealed('agent', { protocol: 4, clientId: device.clientId, changes: forged });
    expect(byOtherKey.body.error?.details).toMatchObject({ reason: 'signature' });

    // A box whose content is another seq than the one signed.
    const [second] = await seal(serverKey, device.keys, device.clientId, device.mutations.slice(1, 2));
    const swapped = {
      ...second!,
      seq: 1,
      signature: await signSealed(device.keys.privateKey, device.clientId, 1, second!.box),
    };
    const mismatch = await pushSealed('agent', {
      protocol: 4,
      clientId: device.clientId,
      changes: [swapped],
    });
    expect(mismatch).toMatchObject({ status: 400, body: { error: { details: { reason: 'unreadable' } } } });

    const unregistered = newClientId();
    const lone = await seal(serverKey, await newDeviceKeys(), unregistered, [submission(unregistered, 1)]);
    const noKey = await pushSealed('agent', { protocol: 4, clientId: unregistered, changes: lone });
    expect(noKey.body.error?.details).toMatchObject({ reason: 'unregistered' });

    await revokeDevice(server.storage, device.clientId, server.clock.now);
    const revoked = await pushSealed('supervisor', {
      protocol: 4,
      clientId: device.clientId,
      changes: device.changes,
    });
    expect(revoked).toMatchObject({ status: 403, body: { error: { details: { reason: 'revoked' } } } });
    // Nothing of the device reached the server.
    for (const m of device.mutations)
      expect(await server.storage.getEntity('submissions', m.id)).toBeUndefined();
    expect(
      (await pushSealed(null, { protocol: 4, clientId: device.clientId, changes: device.changes })).status,
    ).toBe(401);
  });

  it('refuses malformed requests with 400', async () => {
    const device = await agentDevice('agent', 1, OTHER_PROJECT);
    const bad = await pushSealed('agent', { protocol: 4, clientId: device.clientId, changes: [{ seq: 1 }] });
    expect(bad.status).toBe(400);
  });
});
