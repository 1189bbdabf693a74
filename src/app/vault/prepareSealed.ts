import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry } from '../db/schema';
import { getSyncMeta, updateSyncMeta } from '../repositories/syncMeta';
import { ensureDeviceKey } from '../sync/deviceKey';
import { committed } from './rawIdb';
import type { SealedMediaEnvelope } from './sealedMedia';
import { needsServerEnvelope, SERVER_FIELD, type OutboxEnvelope, type ServerSealer } from './serverSeal';

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
 * keeps it, and, the first time or when the key changed, seals the rows waiting to be sent that have no
 * envelope for it yet (written before the key was known, or sealed to an older key). A server without the route (older) leaves the outbox as it was.
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
  const known = sealer.context?.server.keyId === server.keyId;
  sealer.context = { server, deviceKey: pair.privateKey, clientId };
  // Once the middleware knows the key it seals every row as it is written: only rows written before (or under
  // another key) need it, so the store is scanned once per engine, not at every sync (media rows are large).
  if (fresh || !known) await envelopeMissing(db, server.keyId);
}

/**
 * Rewrites, through the middleware, the rows waiting to be sent whose envelope is missing or for another
 * key: pending changes, and files not yet uploaded.
 */
async function envelopeMissing(db: TerrainDb, keyId: string): Promise<void> {
  const changes = await staleKeys(db, 'outbox', keyId);
  if (changes.length > 0)
    await db.transaction('rw', db.outbox, async () => {
      const rows = await db.outbox.bulkGet(changes as number[]);
      await db.outbox.bulkPut(rows.filter((r): r is OutboxEntry => r?.state === 'pending'));
    });
  // One file at a time: each is read and sealed whole.
  for (const sha256 of (await staleKeys(db, 'media', keyId)) as string[])
    await db.transaction('rw', db.media, async () => {
      const row = await db.media.get(sha256);
      if (row && needsServerEnvelope('media', row as unknown as Record<string, unknown>))
        await db.media.put(row);
    });
}

type Envelope = OutboxEnvelope | SealedMediaEnvelope;

const keyIdOf = (envelope: Envelope) =>
  'change' in envelope ? envelope.change.box.keyId : envelope.request.header.keyId;

/** The keys of `table`'s rows that need an envelope and lack one for `keyId` (read raw: it is a `$`-field). */
async function staleKeys(db: TerrainDb, table: 'outbox' | 'media', keyId: string): Promise<IDBValidKey[]> {
  const tx = db.backendDB().transaction(table, 'readonly');
  const request = tx.objectStore(table).openCursor();
  const stale: IDBValidKey[] = [];
  request.onsuccess = () => {
    const at = request.result;
    if (!at) return;
    const row = at.value as Record<string, unknown> & { seq?: number; [SERVER_FIELD]?: Envelope };
    const envelope = row[SERVER_FIELD];
    const current =
      envelope !== undefined &&
      keyIdOf(envelope) === keyId &&
      (!('change' in envelope) || envelope.change.seq === row.seq);
    if (needsServerEnvelope(table, row) && !current) stale.push(at.primaryKey);
    at.continue();
  };
  await committed(tx);
  return stale;
}
