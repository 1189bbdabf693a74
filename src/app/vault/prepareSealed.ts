import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';
import { getSyncMeta, updateSyncMeta } from '../repositories/syncMeta';
import { ensureDeviceKey } from '../sync/deviceKey';
import { committed } from './rawIdb';
import { SERVER_FIELD, type OutboxEnvelope, type ServerSealer } from './serverSeal';

/**
 * Gives the sealing middleware what it needs to seal pending changes to the server as they are written
 * (./serverSeal.ts), from what this device already keeps: at unlock, also offline.
 */
export async function loadSealContext(db: TerrainDb, sealer: ServerSealer): Promise<void> {
  const meta = await getSyncMeta(db);
  if (meta.serverKey && meta.deviceKey)
    sealer.context = {
      server: meta.serverKey,
      deviceKey: meta.deviceKey.privateKey,
      clientId: meta.clientId,
    };
}

/**
 * Before each push of the unlocked engine: asks the server for its key (once per engine, `fresh` tells),
 * keeps it, and seals the pending changes that have no envelope for it yet (written before the key was known,
 * or sealed to an older key). A server without the route (older) leaves the outbox as it was.
 */
export async function prepareSealed(
  db: TerrainDb,
  api: ApiClient,
  sealer: ServerSealer,
  fresh: boolean,
): Promise<void> {
  const pair = await ensureDeviceKey(db);
  if (!pair) return;
  let server = (await getSyncMeta(db)).serverKey;
  if (fresh || !server) {
    try {
      const given = await api.serverKey();
      if (given.keyId !== server?.keyId || given.publicKey.x !== server.publicKey.x) {
        await updateSyncMeta(db, { serverKey: given });
      }
      server = given;
    } catch (error) {
      if (error instanceof ApiError && !error.transient && error.status !== 401) {
        if (!server) return;
      } else throw error;
    }
  }
  const { clientId } = await getSyncMeta(db);
  sealer.context = { server, deviceKey: pair.privateKey, clientId };
  await envelopeMissing(db, server.keyId);
}

/** Rewrites, through the middleware, the pending rows whose envelope is missing or for another key. */
async function envelopeMissing(db: TerrainDb, keyId: string): Promise<void> {
  const idb = db.backendDB();
  const tx = idb.transaction('outbox', 'readonly');
  const request = tx.objectStore('outbox').openCursor();
  const stale: number[] = [];
  request.onsuccess = () => {
    const at = request.result;
    if (!at) return;
    const row = at.value as { seq: number; state: string; [SERVER_FIELD]?: OutboxEnvelope };
    const envelope = row[SERVER_FIELD];
    if (
      row.state === 'pending' &&
      (!envelope || envelope.change.box.keyId !== keyId || envelope.change.seq !== row.seq)
    )
      stale.push(row.seq);
    at.continue();
  };
  await committed(tx);
  if (stale.length === 0) return;
  await db.transaction('rw', db.outbox, async () => {
    const rows = await db.outbox.bulkGet(stale);
    await db.outbox.bulkPut(rows.filter((r): r is OutboxEntry => r?.state === 'pending'));
  });
}
