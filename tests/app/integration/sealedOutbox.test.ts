import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../../src/app/api/client';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { pullChanges } from '../../../src/app/sync/pull';
import { SyncEngine } from '../../../src/app/sync/SyncEngine';
import { openSealedDb } from '../../../src/app/vault/openSealedDb';
import { loadSealContext, prepareSealed } from '../../../src/app/vault/prepareSealed';
import { putMedia } from '../../../src/app/repositories/media';
import { sendOthersSealed, sendSealedOutbox } from '../../../src/app/vault/sealedOutbox';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from '../../server/media/photoForm';
import { sendWhileLocked } from '../../../src/app/vault/session';
import { revokeDevice } from '../../../src/server/devices/commands';
import { SERVER_FIELD, ServerSealer, type OutboxEnvelope } from '../../../src/app/vault/serverSeal';
import { backends } from '../../server/backends';
import { PASSWORD, type TestServer } from '../../server/harness';
import { rawRows, rawText } from '../vault/rawRows';
import { appFetch, demoAnswers, finalizeOnDevice, startServer } from './realServer';

const MARKER = 'Mariam-Scellé-91b2';
const newKey = () =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

interface Signed {
  userId: string;
  username: string;
  api: ApiClient;
}

async function signIn(server: TestServer, username: string): Promise<Signed> {
  let token: string | null = null;
  const api = createApiClient({ fetch: appFetch(server), getToken: () => token });
  const login = await api.login({ username, password: PASSWORD });
  token = login.token;
  return { userId: login.user.id, username, api };
}

/** A user's tablet data, unlocked: the sealed database with its server sealer, and its engine. */
async function unlock(user: Signed, key: CryptoKey) {
  const sealer = new ServerSealer();
  const db = await openSealedDb(user.userId, key, `terrain-${user.userId}`, sealer);
  await loadSealContext(db, sealer);
  const engine = new SyncEngine({
    db,
    api: user.api,
    window: null,
    document: null,
    locks: null,
    beforePush: (fresh) => prepareSealed(db, user.api, sealer, fresh),
  });
  opened.push(db);
  return { db, engine, sealer, lock: () => (engine.stop(), db.close()) };
}

const opened: TerrainDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const envelopes = async (db: TerrainDb) =>
  ((await rawRows(db.name)).outbox ?? []).map((row) => row[SERVER_FIELD] as OutboxEnvelope | undefined);

describe.each(backends)('sync without unlocking, against the real server ($name)', (backend) => {
  it("another user of the tablet sends an agent's sealed changes, intact, once", async () => {
    const server = await startServer(backend);
    const agent = await signIn(server, 'agent');
    const key = await newKey();
    const tablet = await unlock(agent, key);
    await tablet.engine.syncNow(); // registers the device key, learns the server's key
    expect((await getSyncMeta(tablet.db)).serverKey?.keyId).toBeTruthy();

    const first = await finalizeOnDevice(
      { ...agent, db: tablet.db },
      { ...demoAnswers(1), respondent_name: MARKER },
    );
    const second = await finalizeOnDevice({ ...agent, db: tablet.db }, demoAnswers(2));
    const sealed = await envelopes(tablet.db);
    expect(sealed).toHaveLength(2);
    expect(sealed.every((e) => e?.change.box.ct)).toBe(true);
    expect(await rawText(tablet.db.name)).not.toContain(MARKER);
    // The app never sees the envelope.
    expect((await tablet.db.outbox.toArray()).some((row) => SERVER_FIELD in row)).toBe(false);

    // The agent signs out; the supervisor signs in on the same tablet and syncs it.
    tablet.lock();
    const supervisor = await signIn(server, 'supervisor');
    expect(await sendOthersSealed(supervisor.userId, supervisor.api)).toEqual({ changes: 2, files: 0 });
    const stored = await server.storage.getEntity('submissions', first.id);
    expect(stored).toMatchObject({ createdBy: agent.userId });
    expect(JSON.stringify(stored)).toContain(MARKER);
    expect(await server.storage.getEntity('submissions', second.id)).toBeTruthy();
    const [entry] = await server.storage.listAudit(1, { action: 'submission.import' });
    expect(entry).toMatchObject({ userId: supervisor.userId, onBehalfOf: agent.userId });

    // Sent once: a second pass sends nothing; the agent's own engine then settles its records.
    expect(await sendOthersSealed(supervisor.userId, supervisor.api)).toEqual({ changes: 0, files: 0 });
    const back = await unlock(agent, key);
    await back.engine.syncNow();
    expect(back.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
    expect((await back.db.submissions.get(first.id))?.syncState).toBe('synced');
    back.lock();
  });

  it('a locked app sends its own sealed changes; a change written before the key was known waits', async () => {
    const server = await startServer(backend);
    const agent = await signIn(server, 'agent');
    const key = await newKey();
    const tablet = await unlock(agent, key);

    // Written before any push (the forms came by a pull alone): the device does not know the server's key yet.
    await pullChanges(tablet.db, agent.api);
    await finalizeOnDevice({ ...agent, db: tablet.db }, demoAnswers(1));
    expect(await envelopes(tablet.db)).toEqual([undefined]);
    tablet.lock();
    expect(await sendSealedOutbox(`terrain-${agent.userId}`, agent.api)).toEqual({ changes: 0, files: 0 });

    // The next unlocked sync seals it (then sends it as usual); a change made after is sealed at once.
    const again = await unlock(agent, key);
    await again.engine.syncNow();
    await finalizeOnDevice({ ...agent, db: again.db }, demoAnswers(2));
    await finalizeOnDevice({ ...agent, db: again.db }, demoAnswers(3));
    expect((await envelopes(again.db)).map((e) => e?.change.seq)).toEqual([2, 3]);
    again.lock();

    // Locked: sent with the agent's own session, as the agent's push.
    expect(await sendSealedOutbox(`terrain-${agent.userId}`, agent.api)).toEqual({ changes: 2, files: 0 });
    expect(await server.storage.listAudit(5, { action: 'submission.import' })).toEqual([]);
  });

  it('an altered sealed change is refused whole and applies nothing', async () => {
    const server = await startServer(backend);
    const agent = await signIn(server, 'agent');
    const tablet = await unlock(agent, await newKey());
    await tablet.engine.syncNow();
    const made = await finalizeOnDevice({ ...agent, db: tablet.db }, demoAnswers(1));
    tablet.lock();

    // Someone on the tablet edits the envelope in IndexedDB.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(`terrain-${agent.userId}`);
      open.onsuccess = () => {
        const tx = open.result.transaction('outbox', 'readwrite');
        const store = tx.objectStore('outbox');
        store.openCursor().onsuccess = (event) => {
          const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
          if (!cursor) return;
          const row = cursor.value as { [SERVER_FIELD]: OutboxEnvelope };
          const ct = row[SERVER_FIELD].change.box.ct;
          row[SERVER_FIELD].change.box.ct = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
          cursor.update(row);
        };
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error ?? new Error('the edit failed'));
      };
    });
    const supervisor = await signIn(server, 'supervisor');
    await expect(sendSealedOutbox(`terrain-${agent.userId}`, supervisor.api)).rejects.toMatchObject({
      status: 403,
      details: { reason: 'signature' },
    });
    // From the supervisor's sync, one user's refusal does not stop the others, and is not thrown.
    expect(await sendOthersSealed(supervisor.userId, supervisor.api)).toEqual({ changes: 0, files: 0 });
    expect(await server.storage.getEntity('submissions', made.id)).toBeUndefined();
  });

  it('a locked app sends, and once its device is revoked, shreds the data', async () => {
    const server = await startServer(backend);
    const agent = await signIn(server, 'agent');
    const key = await newKey();
    const tablet = await unlock(agent, key);
    await tablet.engine.syncNow();
    const sent = await finalizeOnDevice({ ...agent, db: tablet.db }, demoAnswers(1));
    const clientId = (await getSyncMeta(tablet.db)).clientId;
    tablet.lock();
    expect(await sendWhileLocked(agent.userId, agent.api)).toBe('sent');
    expect(await server.storage.getEntity('submissions', sent.id)).toBeTruthy();

    const later = await unlock(agent, key);
    const kept = await finalizeOnDevice({ ...agent, db: later.db }, demoAnswers(2));
    later.lock();
    await revokeDevice(server.storage, clientId, new Date());
    expect(await sendWhileLocked(agent.userId, agent.api)).toBe('revoked');
    expect(await server.storage.getEntity('submissions', kept.id)).toBeUndefined();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(`terrain-${agent.userId}`);
  });

  it("the photo of a sealed change follows it, sealed too, and lands as the author's", async () => {
    const server = await startServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
    const agent = await signIn(server, 'agent');
    const key = await newKey();
    const tablet = await unlock(agent, key);
    await tablet.engine.syncNow();
    const form = await tablet.db.forms.get(
      formVersionKey(DEMO_PROJECT.id, PHOTO_FORM.id, PHOTO_FORM.version),
    );
    const photo = fakePhoto(300_000);
    await putMedia(tablet.db, photo.ref, new Blob([photo.bytes], { type: photo.ref.type }));
    await finalizeOnDevice({ ...agent, db: tablet.db }, { site: 'Chez Awa', photo: photo.ref }, form);
    const [row] = (await rawRows(tablet.db.name)).media ?? [];
    expect(row?.[SERVER_FIELD]).toMatchObject({ request: { sha256: photo.ref.sha256 } });
    tablet.lock();

    const supervisor = await signIn(server, 'supervisor');
    expect(await sendOthersSealed(supervisor.userId, supervisor.api)).toEqual({
      changes: 1,
      files: 1,
    });
    const download = await server.request(`/api/media/${photo.ref.sha256}`, {
      token: await server.login('supervisor'),
    });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(photo.bytes);
    // Sent: the envelope (as heavy as the photo) is gone from the tablet; the photo itself stays.
    const [after] = (await rawRows(tablet.db.name)).media ?? [];
    expect(after && SERVER_FIELD in after).toBe(false);

    // The agent's own sync settles it: the server holds the agent's upload, nothing is sent twice.
    const back = await unlock(agent, key);
    await back.engine.syncNow();
    expect(back.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, pendingMedia: 0 });
    expect((await back.db.media.get(photo.ref.sha256))?.uploadState).toBe('uploaded');
    back.lock();
  });
});
