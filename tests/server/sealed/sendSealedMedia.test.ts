import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../../src/app/api/client';
import { ApiError, NetworkError } from '../../../src/app/api/errors';
import { sendSealedMedia } from '../../../src/app/sync/sendSealedMedia';
import { sealMediaForServer, type SealedMediaEnvelope } from '../../../src/app/vault/sealedMedia';
import { ServerKeyResponse } from '../../../src/core/sync/sealed';
import { MAX_SEALED_MEDIA_BYTES } from '../../../src/core/sync/sealedMedia';
import { revokeDevice } from '../../../src/server/devices/commands';
import { backends } from '../backends';
import { newDeviceKeys, registerDevice } from '../devices/deviceKeys';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from '../media/photoForm';

const CHUNK = 16 * 1024;

/**
 * The browser's side of sealed files (src/app/vault/sealedMedia.ts, src/app/sync/sendSealedMedia.ts) driven
 * against a real server through the app's own API client, with a link that drops.
 */
describe.each(backends)('sending sealed files to a real server on $name', (backend) => {
  let server: TestServer;
  let serverKey: ServerKeyResponse;
  beforeAll(async () => {
    server = await setupServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
    const res = await server.request('/api/server-key', { token: await server.login('admin') });
    serverKey = ServerKeyResponse.parse(await res.json());
  });
  afterAll(async () => {
    await server?.close();
  });

  /**
   * The supervisor's API client on the shared tablet. `fault` may replace a request's fate: `lose` the
   * answer after the server handled it, or answer `instead` without reaching the server.
   */
  async function supervisorApi(
    fault: (method: string, path: string, n: number) => 'lose' | Response | null = () => null,
  ) {
    const token = await server.login('supervisor');
    const seen: string[] = [];
    const api: ApiClient = createApiClient({
      getToken: () => token,
      fetch: async (input, init) => {
        // The client asks by path (its baseUrl is '').
        const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
        const method = init?.method ?? 'GET';
        seen.push(`${method} ${path.startsWith('/api/media/sealed') ? 'sealed' : path.split('/')[3]}`);
        const fate = fault(method, path, seen.length);
        if (fate instanceof Response) return fate;
        const response = await server.app.request(path, init);
        if (fate === 'lose') throw new TypeError('network error');
        return response;
      },
    });
    return { api, seen };
  }

  /** An agent's tablet, registered, and one photo of it sealed while the vault was open. */
  async function sealedPhoto(size = 50_000) {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    expect((await registerDevice(server, 'agent', clientId, keys)).status).toBe(201);
    const { bytes, ref } = fakePhoto(size);
    const envelope: SealedMediaEnvelope = await sealMediaForServer(
      { server: serverKey, deviceKey: keys.privateKey, clientId },
      { sha256: ref.sha256, type: ref.type, size, blob: new Blob([bytes]) },
    );
    return { clientId, bytes, ref, envelope };
  }

  const patches = (seen: string[]) => seen.filter((s) => s.startsWith('PATCH')).length;

  it('resumes after a lost answer, then the agent’s submission lets the reviewers download the photo', async () => {
    const { clientId, bytes, ref, envelope } = await sealedPhoto();
    expect(envelope.request.sealedSha256).not.toBe(ref.sha256);
    expect(envelope.ct.byteLength).toBe(50_016);
    // The second chunk is stored, but its answer never comes back.
    let patch = 0;
    const { api, seen } = await supervisorApi((method) =>
      method === 'PATCH' && ++patch === 2 ? 'lose' : null,
    );
    await expect(sendSealedMedia(api, envelope, { chunkBytes: CHUNK })).rejects.toBeInstanceOf(NetworkError);
    await sendSealedMedia(api, envelope, { chunkBytes: CHUNK });
    // 4 chunks, each sent once: the second run starts from the server's offset.
    expect(patches(seen)).toBe(4);
    expect(seen.at(-1)).toBe('POST sealed');

    const pushed = await server.push('agent', clientId, [
      submission(clientId, 1, {
        fields: {
          formId: PHOTO_FORM.id,
          formVersion: PHOTO_FORM.version,
          data: { site: 'Puits', photo: ref },
        },
      }),
    ]);
    expect(pushed.body.results[0]?.status).toBe('applied');
    const res = await server.request(`/api/media/${ref.sha256}`, { token: await server.login('focal') });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('goes on from the server’s offset when another tab sent chunks meanwhile', async () => {
    const { envelope } = await sealedPhoto(40_000);
    const first = await supervisorApi((method, _path, n) => (method === 'PATCH' && n > 2 ? 'lose' : null));
    await expect(sendSealedMedia(first.api, envelope, { chunkBytes: CHUNK })).rejects.toBeInstanceOf(
      NetworkError,
    );
    // This tab's HEAD says nothing is held (a stale answer): its chunk at 0 gets offset_mismatch.
    const { api, seen } = await supervisorApi((method) =>
      method === 'HEAD' ? new Response(null, { status: 404, headers: { 'Upload-Offset': '0' } }) : null,
    );
    await sendSealedMedia(api, envelope, { chunkBytes: CHUNK });
    // The first run stored one chunk (its answer was lost); this run's chunk at 0 is refused
    // (offset_mismatch) and it goes on from there: two more chunks, then the finish.
    const sha = envelope.request.sealedSha256;
    expect(seen).toEqual([
      `HEAD ${sha}`,
      'POST sealed',
      `PATCH ${sha}`,
      `PATCH ${sha}`,
      `PATCH ${sha}`,
      'POST sealed',
    ]);
  });

  it('does not send the file again after a lost answer to the finish', async () => {
    const { ref, envelope } = await sealedPhoto(20_000);
    // The probe before the upload finds nothing (404); the answer to the finish after it is lost.
    let finishes = 0;
    const lost = await supervisorApi((method, path) =>
      method === 'POST' && path === '/api/media/sealed' && ++finishes === 2 ? 'lose' : null,
    );
    await expect(sendSealedMedia(lost.api, envelope, { chunkBytes: CHUNK })).rejects.toBeInstanceOf(
      NetworkError,
    );
    const { api, seen } = await supervisorApi();
    await sendSealedMedia(api, envelope, { chunkBytes: CHUNK });
    expect(patches(seen)).toBe(0);
    const agent = await server.storage.userByUsername('agent');
    expect((await server.storage.media.getUpload(ref.sha256, agent!.id))?.completedAt).not.toBeNull();
  });

  it('learns of a refusal before uploading anything, and refuses to seal bytes that are not the file', async () => {
    const { clientId, envelope } = await sealedPhoto(10_000);
    await revokeDevice(server.storage, clientId, server.clock.now);
    const { api, seen } = await supervisorApi();
    const refused = await sendSealedMedia(api, envelope).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, details: { reason: 'revoked' } });
    expect(patches(seen)).toBe(0);

    const keys = await newDeviceKeys();
    const { bytes, ref } = fakePhoto(1000);
    const ctx = { server: serverKey, deviceKey: keys.privateKey, clientId: newClientId() };
    await expect(
      sealMediaForServer(ctx, { ...ref, size: 1000, blob: new Blob([bytes.subarray(1)]) }),
    ).rejects.toThrow(/do not match/);
    await expect(
      sealMediaForServer(ctx, { ...ref, size: MAX_SEALED_MEDIA_BYTES + 1, blob: new Blob([bytes]) }),
    ).rejects.toThrow(/too large/);
  });
});
