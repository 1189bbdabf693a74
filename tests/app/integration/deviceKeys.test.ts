import { describe, expect, it } from 'vitest';
import { deviceRegistration } from '../../../src/app/repositories/deviceRegistration';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { exportUnsynced } from '../../../src/app/sync/exportFile';
import { exportDevicePublicKey } from '../../../src/core/sync/devices';
import { ImportResponse } from '../../../src/core/sync/unsyncedExport';
import { revokeDevice } from '../../../src/server/devices/commands';
import { backends } from '../../server/backends';
import type { TestServer } from '../../server/harness';
import { createDevice, demoAnswers, startServer } from './realServer';

/**
 * The app's side of device keys against the real server: the engine registers the key at start and until
 * it succeeds, a file exported before that is signed all the same and imports once the device has been
 * online, pulls name the device and its version, and a revoked device learns it.
 */
async function importAs(server: TestServer, blob: Blob, username = 'supervisor') {
  const res = await server.request('/api/sync/import', {
    token: await server.login(username),
    body: blob,
    headers: { 'content-type': 'application/octet-stream' },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe.each(backends)('device keys from the app against the real server ($name)', (backend) => {
  it('registers at start, retrying until online; a file saved before imports once it has', async () => {
    const server = await startServer(backend);
    const agent = await createDevice(server, 'agent');
    try {
      // The forms came with an earlier version of the app, which registered nothing.
      expect(await agent.pull()).toBeNull();
      // Offline at start: the registration is lost, the sync fails as the push would.
      await agent.sync({ devices: [{ kind: 'request_lost' }] });
      expect(agent.engine.getStatus().phase).toBe('offline');
      const made = await agent.finalize(demoAnswers(1));
      const early = await exportUnsynced(agent.db, { id: agent.userId, username: 'agent' });
      expect(early).toMatchObject({ signed: true, registered: false });
      expect(await importAs(server, early.blob)).toMatchObject({
        status: 403,
        json: { error: { details: { reason: 'unregistered' } } },
      });

      // Online for a moment: registered first, then the push, lost; the server has the device's own key.
      await agent.sync({ push: [{ kind: 'request_lost' }] });
      const requests = agent.log.map((r) => r.path).filter((p) => !p.startsWith('/api/media/'));
      expect(requests.slice(-2)).toEqual(['/api/devices', '/api/sync/push']);
      const clientId = await agent.clientId();
      const device = await server.storage.devices.get(clientId);
      const meta = await getSyncMeta(agent.db);
      expect(device?.publicKey).toEqual(await exportDevicePublicKey(meta.deviceKey!.publicKey));
      expect(meta.deviceKeyRegisteredAt).toBe(device?.keyRegisteredAt);
      expect(device).toMatchObject({ userId: agent.userId, appVersion: 'dev' });
      expect(agent.log.filter((r) => r.path === '/api/devices')).toHaveLength(2);

      // The file written before the registration was signed by the same key: it imports now.
      const imported = await importAs(server, early.blob);
      expect(imported.status, JSON.stringify(imported.json)).toBe(200);
      expect(ImportResponse.parse(imported.json)).toMatchObject({ applied: 1 });
      expect((await server.storage.getEntity('submissions', made.id))?.createdBy).toBe(agent.userId);

      // Once registered, a sync does not register again; the pull names the device and its version.
      await agent.sync();
      expect(agent.log.filter((r) => r.path === '/api/devices')).toHaveLength(2);
      expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
      expect(await server.storage.devices.get(clientId)).toMatchObject({ appVersion: 'dev' });
      expect((await server.storage.devices.get(clientId))?.lastPullAt).not.toBeNull();
    } finally {
      await agent.close();
      await server.close();
    }
  }, 60_000);

  it('a registration refused for good is kept for the export page, and the sync goes on', async () => {
    const server = await startServer(backend);
    const agent = await createDevice(server, 'agent');
    try {
      // Another account used this clientId first (say, from a copied database).
      const agent2 = await server.storage.userByUsername('agent2');
      const clientId = await agent.clientId();
      await server.storage.transaction((tx) => tx.devices.claim(clientId, agent2!.id));
      await agent.sync();
      const meta = await getSyncMeta(agent.db);
      expect(meta.deviceKeyRefusal).toMatchObject({ code: 'forbidden' });
      expect(await deviceRegistration(agent.db)).toBe('refused');
      // The pull went on (there was nothing to push); a push is refused as the registration was.
      expect(agent.log.map((r) => r.path)).toContain('/api/sync/pull');
      await agent.finalize(demoAnswers(3));
      await agent.sync();
      expect(agent.engine.getStatus()).toMatchObject({ phase: 'error', pending: 1 });
      expect(agent.log.filter((r) => r.path === '/api/devices')).toHaveLength(1);
    } finally {
      await agent.close();
      await server.close();
    }
  }, 60_000);

  it("a revoked device's session ends: the app asks to sign in again, keeping its data", async () => {
    const server = await startServer(backend);
    const agent = await createDevice(server, 'agent');
    try {
      await agent.sync();
      expect(agent.engine.getStatus().phase).toBe('idle');
      await revokeDevice(server.storage, await agent.clientId(), new Date());
      await agent.finalize(demoAnswers(2));
      await agent.sync();
      // The session bound to the device ended: the app asks to sign in again, keeping everything.
      expect(agent.engine.getStatus()).toMatchObject({ phase: 'signed_out', pending: 1 });
    } finally {
      await agent.close();
      await server.close();
    }
  }, 60_000);
});
