import { afterEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { OutboxEntry } from '../../../src/app/db/schema';
import { appendMutation } from '../../../src/app/repositories/appendMutation';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { renumberOutboxFrom } from '../../../src/app/sync/renumberOutbox';
import { openSealedDb } from '../../../src/app/vault/openSealedDb';
import { SERVER_FIELD, ServerSealer, type OutboxEnvelope } from '../../../src/app/vault/serverSeal';
import { DEVICE_KEY_ALGORITHM, exportDevicePublicKey } from '../../../src/core/sync/devices';
import { openSealed, verifySealed, type ServerKeyResponse } from '../../../src/core/sync/sealed';
import { USER_ID } from '../fixtures';
import { rawRows } from './rawRows';

const MARKER = 'Oumou-Enveloppe-3c8e';
const opened: TerrainDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function setup() {
  const server = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const serverKey: ServerKeyResponse = {
    keyId: 'k1',
    publicKey: await exportDevicePublicKey(server.publicKey),
  };
  const device = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
  const sealer = new ServerSealer();
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const db = await openSealedDb(USER_ID, key, `seal-${crypto.randomUUID()}`, sealer);
  opened.push(db);
  const { clientId } = await getSyncMeta(db);
  return { db, sealer, server, serverKey, device, clientId };
}

const write = (db: TerrainDb, notes: string) =>
  db.transaction('rw', [db.outbox, db.meta], () =>
    appendMutation(
      db,
      {
        table: 'submissions',
        id: crypto.randomUUID(),
        op: 'put',
        fields: {
          data: { notes, photo: { sha256: 'b'.repeat(64), name: 'p.jpg', type: 'image/jpeg', size: 3 } },
        },
      },
      new Date('2026-12-06T08:00:00Z'),
    ),
  );

const rawOutbox = async (db: TerrainDb) =>
  ((await rawRows(db.name)).outbox ?? []) as unknown as (OutboxEntry & { [SERVER_FIELD]?: OutboxEnvelope })[];

describe("the outbox's envelope for the server", () => {
  it('seals each pending change to the server, signed by the device; the app never sees it', async () => {
    const { db, sealer, server, serverKey, device, clientId } = await setup();
    await write(db, 'before the key'); // no context yet: no envelope (the next unlocked sync adds it)
    sealer.context = { server: serverKey, deviceKey: device.privateKey, clientId };
    const entry = await write(db, MARKER);

    const [early, row] = await rawOutbox(db);
    expect(early?.[SERVER_FIELD]).toBeUndefined();
    const envelope = row![SERVER_FIELD]!;
    expect(envelope.media).toEqual(['b'.repeat(64)]);
    expect(JSON.stringify(envelope)).not.toContain(MARKER);
    const devicePublic = await exportDevicePublicKey(device.publicKey);
    expect(await verifySealed(devicePublic, clientId, envelope.change)).toBe(true);
    expect(await verifySealed(devicePublic, 'another-device', envelope.change)).toBe(false);
    const change: unknown = JSON.parse(
      new TextDecoder().decode(await openSealed(server.privateKey, envelope.change.box)),
    );
    expect(change).toEqual({
      seq: entry.seq,
      hlc: entry.hlc,
      table: 'submissions',
      id: entry.id,
      op: 'put',
      fields: entry.fields,
    });
    expect((await db.outbox.toArray()).every((r) => !(SERVER_FIELD in r))).toBe(true);
    expect(await db.outbox.get(entry.seq)).toEqual(entry);
  });

  it('a refused change loses its envelope; a renumbered one is sealed again under its new seq', async () => {
    const { db, sealer, serverKey, device, clientId } = await setup();
    sealer.context = { server: serverKey, deviceKey: device.privateKey, clientId };
    const first = await write(db, 'one');
    await write(db, 'two');
    await db.outbox.put({
      ...first,
      state: 'rejected',
      rejection: { code: 'invalid', message: 'no', at: 'x' },
    });
    expect((await rawOutbox(db)).map((r) => r[SERVER_FIELD]?.change.seq)).toEqual([undefined, 2]);

    // A server restored from a backup expects seq 1 again: both are renumbered, pending, and resealed, and
    // may be sent sealed again.
    await db.meta.update('sync', { sealedSentSeq: 2 });
    await renumberOutboxFrom(db, 1);
    expect((await getSyncMeta(db)).sealedSentSeq).toBe(0);
    const rows = await rawOutbox(db);
    expect(rows.map((r) => [r.seq, r[SERVER_FIELD]?.change.seq])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});
