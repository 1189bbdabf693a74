import { afterEach, describe, expect, it, vi } from 'vitest';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import { deviceRegistration } from '../../../src/app/repositories/deviceRegistration';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { ensureDeviceKey } from '../../../src/app/sync/deviceKey';
import { exportUnsynced } from '../../../src/app/sync/exportFile';
import { exportDevicePublicKey, verifyExportSignature } from '../../../src/core/sync/devices';
import { UnsyncedExport } from '../../../src/core/sync/unsyncedExport';
import { USER_ID } from '../fixtures';

/**
 * The device's key pair lives in the user's IndexedDB database as CryptoKeys (structured clone keeps them:
 * Node's CryptoKey goes through fake-indexeddb as a browser's goes through IndexedDB), with a private key
 * no code can read out.
 */
const opened: TerrainDb[] = [];
const open = (name: string) => {
  const db = new TerrainDb(USER_ID, name);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('the device key', () => {
  it('is made once, not extractable, and survives reopening the database', async () => {
    const name = `key-${crypto.randomUUID()}`;
    const first = open(name);
    const made = await ensureDeviceKey(first);
    expect(made).not.toBeNull();
    expect(made!.privateKey).toBeInstanceOf(CryptoKey);
    expect(made!.privateKey.extractable).toBe(false);
    expect(made!.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    await expect(crypto.subtle.exportKey('jwk', made!.privateKey)).rejects.toThrow();
    const second = await ensureDeviceKey(first);
    expect(await exportDevicePublicKey(second!.publicKey)).toEqual(
      await exportDevicePublicKey(made!.publicKey),
    );
    first.close();

    const reopened = open(name);
    const kept = (await getSyncMeta(reopened)).deviceKey;
    expect(kept?.privateKey).toBeInstanceOf(CryptoKey);
    expect(kept?.privateKey.extractable).toBe(false);
    expect(kept?.privateKey.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('pkcs8', kept!.privateKey)).rejects.toThrow();
    // The same pair: what the reopened private key signs, the first public key verifies.
    expect(await exportDevicePublicKey(kept!.publicKey)).toEqual(
      await exportDevicePublicKey(made!.publicKey),
    );
    const again = await ensureDeviceKey(reopened);
    expect(await exportDevicePublicKey(again!.publicKey)).toEqual(
      await exportDevicePublicKey(made!.publicKey),
    );
  });

  it('is one pair when two tabs make it at once', async () => {
    const name = `tabs-${crypto.randomUUID()}`;
    const [a, b] = await Promise.all([ensureDeviceKey(open(name)), ensureDeviceKey(open(name))]);
    expect(await exportDevicePublicKey(a!.publicKey)).toEqual(await exportDevicePublicKey(b!.publicKey));
  });

  it('signs the export file, registered or not, and the file says which', async () => {
    const db = open(`export-${crypto.randomUUID()}`);
    const unregistered = await exportUnsynced(db, { id: USER_ID, username: 'amadou' });
    expect(unregistered).toMatchObject({ signed: true, registered: false });
    const text = await new Response(
      unregistered.blob.stream().pipeThrough(new DecompressionStream('gzip')),
    ).text();
    const file = UnsyncedExport.parse(JSON.parse(text));
    expect(file.version).toBe(2);
    const { deviceKey } = await getSyncMeta(db);
    const publicKey = await exportDevicePublicKey(deviceKey!.publicKey);
    expect(await verifyExportSignature(publicKey, file.checksum, file.signature!)).toBe(true);
    // Another file's checksum, or another key, does not verify.
    expect(await verifyExportSignature(publicKey, `sha256:${'0'.repeat(64)}`, file.signature!)).toBe(false);
    const other = await ensureDeviceKey(open(`other-${crypto.randomUUID()}`));
    const otherKey = await exportDevicePublicKey(other!.publicKey);
    expect(await verifyExportSignature(otherKey, file.checksum, file.signature!)).toBe(false);

    // What the export page says: the file waits for the device's first connection, or the server refused it.
    expect(await deviceRegistration(db)).toBe('unregistered');
    const at = '2026-12-06T10:00:00.000Z';
    await db.meta.update('sync', { deviceKeyRefusal: { code: 'forbidden', message: 'revoked', at } });
    expect(await deviceRegistration(db)).toBe('refused');
    await db.meta.update('sync', { deviceKeyRegisteredAt: at, deviceKeyRefusal: null });
    expect(await deviceRegistration(db)).toBe('registered');
    expect(await exportUnsynced(db, { id: USER_ID, username: 'amadou' })).toMatchObject({ registered: true });
  });

  it('is left out where the browser has no Web Crypto: the file is still written, unsigned', async () => {
    const db = open(`nocrypto-${crypto.randomUUID()}`);
    const spy = vi.spyOn(crypto.subtle, 'generateKey').mockRejectedValue(new Error('not in this context'));
    try {
      const file = await exportUnsynced(db, { id: USER_ID, username: 'amadou' });
      expect(file).toMatchObject({ signed: false, registered: false });
    } finally {
      spy.mockRestore();
    }
    expect((await getSyncMeta(db)).deviceKey).toBeUndefined();
  });
});
