import { beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KEY_ALGORITHM, DevicePublicKey, exportDevicePublicKey } from '../../../src/core/sync/devices';
import { openSealed, sealForServer, type ServerKeyResponse } from '../../../src/core/sync/sealed';
import {
  MAX_SEALED_MEDIA_BYTES,
  openSealedMedia,
  SEALED_MEDIA_OVERHEAD,
  SealedMediaRequest,
  sealMedia,
  signSealedMedia,
  verifySealedMedia,
  type SealedMediaFields,
} from '../../../src/core/sync/sealedMedia';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

async function hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('sealed media', () => {
  let server: ServerKeyResponse;
  let serverPrivate: CryptoKey;
  let device: CryptoKeyPair;
  let devicePublic: DevicePublicKey;
  const photo = crypto.getRandomValues(new Uint8Array(60_000));

  beforeAll(async () => {
    const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
    serverPrivate = pair.privateKey;
    server = {
      keyId: 'k1',
      publicKey: DevicePublicKey.parse(await crypto.subtle.exportKey('jwk', pair.publicKey)),
    };
    device = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
    devicePublic = await exportDevicePublicKey(device.publicKey);
  });

  /** A whole signed request for `photo`, as the device makes it. */
  async function sealedRequest() {
    const { header, ct } = await sealMedia(server, photo);
    const fields: SealedMediaFields = {
      clientId: 'dev_tablet01',
      sha256: await hex(photo),
      type: 'image/jpeg',
      size: photo.byteLength,
      sealedSha256: await hex(ct),
      header,
    };
    const request = { ...fields, signature: await signSealedMedia(device.privateKey, fields) };
    return { ct, request };
  }

  it('opens with the server key to the same bytes, and only that key', async () => {
    const { header, ct } = await sealMedia(server, photo);
    expect(ct.byteLength).toBe(photo.byteLength + SEALED_MEDIA_OVERHEAD);
    expect(await openSealedMedia(serverPrivate, header, ct)).toEqual(photo);
    const stranger = await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
    await expect(openSealedMedia(stranger.privateKey, header, ct)).rejects.toThrow();
  });

  it('refuses a flipped byte of the ciphertext, and a header swapped from another file', async () => {
    const { header, ct } = await sealMedia(server, photo);
    const flipped = new Uint8Array(ct);
    flipped[1234] = flipped[1234]! ^ 1;
    await expect(openSealedMedia(serverPrivate, header, flipped)).rejects.toThrow();
    const other = await sealMedia(server, photo);
    await expect(openSealedMedia(serverPrivate, other.header, ct)).rejects.toThrow();
    await expect(openSealedMedia(serverPrivate, { ...header, iv: other.header.iv }, ct)).rejects.toThrow();
  });

  it('never opens a change box as a file, nor a file as a change box', async () => {
    const box = await sealForServer(server, photo);
    const { ct: boxCt, ...boxHeader } = box;
    const bytes = Uint8Array.from(atob(boxCt.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
      c.charCodeAt(0),
    );
    await expect(openSealedMedia(serverPrivate, boxHeader, bytes)).rejects.toThrow();

    const file = await sealMedia(server, photo);
    let ct = '';
    for (const b of file.ct) ct += String.fromCharCode(b);
    const asBox = {
      ...file.header,
      ct: btoa(ct).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''),
    };
    await expect(openSealed(serverPrivate, asBox)).rejects.toThrow();
    // Each still opens as what it is.
    expect(await openSealed(serverPrivate, box)).toEqual(photo);
  });

  it('signs every field: changing any one fails the signature', async () => {
    const { request } = await sealedRequest();
    expect(SealedMediaRequest.safeParse({ protocol: 4, ...request }).success).toBe(true);
    // Its ciphertext must fit the upload's limit.
    const tooBig = { protocol: 4, ...request, size: MAX_SEALED_MEDIA_BYTES + 1 };
    expect(SealedMediaRequest.safeParse(tooBig).success).toBe(false);
    expect(await verifySealedMedia(devicePublic, request)).toBe(true);
    const other = await sealMedia(server, photo);
    const changed: Partial<typeof request>[] = [
      { clientId: 'dev_tablet02' },
      { sha256: 'f'.repeat(64) },
      { type: 'image/png' },
      { size: request.size + 1 },
      { sealedSha256: '0'.repeat(64) },
      { header: other.header },
      { header: { ...request.header, iv: other.header.iv } },
      { header: { ...request.header, keyId: 'k2' } },
    ];
    for (const change of changed)
      expect(await verifySealedMedia(devicePublic, { ...request, ...change }), JSON.stringify(change)).toBe(
        false,
      );
    // Another device's key, and a malformed signature.
    const stranger = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, true, ['sign', 'verify']);
    expect(await verifySealedMedia(await exportDevicePublicKey(stranger.publicKey), request)).toBe(false);
    expect(await verifySealedMedia(devicePublic, { ...request, signature: 'es256:x' })).toBe(false);
  });

  it('accepts the header in any key order (the signature covers its canonical JSON)', async () => {
    const { request } = await sealedRequest();
    const { v, keyId, epk, iv } = request.header;
    expect(await verifySealedMedia(devicePublic, { ...request, header: { iv, epk, keyId, v } })).toBe(true);
  });
});
