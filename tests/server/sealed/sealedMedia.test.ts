import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaRef } from '../../../src/core/forms/answersSchema';
import type { PushResponse } from '../../../src/core/sync/protocol';
import { sealForServer, ServerKeyResponse, signSealed } from '../../../src/core/sync/sealed';
import type { SealedMediaRequest } from '../../../src/core/sync/sealedMedia';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { revokeDevice } from '../../../src/server/devices/commands';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { disableUser } from '../../../src/server/users/commands';
import { backends } from '../backends';
import { newDeviceKeys, registerDevice } from '../devices/deviceKeys';
import { newClientId, PASSWORD, setupServer, submission, type TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm, sha256Hex } from '../media/photoForm';
import { sealedFile, uploadChunks } from './sealedFiles';

/**
 * Sealed files (issue 12, the media half of "sync without unlocking"): an agent's device seals a photo to
 * the server's key; another user of the tablet uploads the ciphertext and finishes it; the server keeps the
 * plain photo as the agent's own upload.
 */
describe.each(backends)('sealed files on $name', (backend) => {
  let server: TestServer;
  let serverKey: ServerKeyResponse;
  beforeAll(async () => {
    server = await setupServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
    await server.storage.transaction((tx) =>
      createAccount(
        tx,
        {
          username: 'agent3',
          displayName: 'agent3',
          role: 'agent',
          password: PASSWORD,
          projectIds: [DEMO_PROJECT.id],
        },
        server.clock.now,
        TEST_PASSWORD_COST,
      ),
    );
    const res = await server.request('/api/server-key', { token: await server.login('admin') });
    serverKey = ServerKeyResponse.parse(await res.json());
  });
  afterAll(async () => {
    await server?.close();
  });

  async function device(username = 'agent') {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    expect((await registerDevice(server, username, clientId, keys)).status).toBe(201);
    return { clientId, keys };
  }

  async function finish(username: string | null, request: unknown) {
    const res = await server.request('/api/media/sealed', {
      ...(username ? { token: await server.login(username) } : {}),
      json: request,
    });
    return {
      status: res.status,
      body: (await res.json()) as { error?: { code: string; details?: unknown } },
    };
  }

  async function download(username: string, sha256: string) {
    const res = await server.request(`/api/media/${sha256}`, { token: await server.login(username) });
    return { status: res.status, bytes: res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : null };
  }

  const photoMutation = (clientId: string, seq: number, ref: MediaRef) =>
    submission(clientId, seq, {
      fields: { formId: PHOTO_FORM.id, formVersion: PHOTO_FORM.version, data: { site: 'Puits', photo: ref } },
    });

  /** What the server holds of a file: the user's upload, and the file itself. */
  async function held(sha256: string, username: string) {
    const user = await server.storage.userByUsername(username);
    const upload = await server.storage.media.getUpload(sha256, user!.id);
    return {
      upload: upload?.completedAt ? 'complete' : upload ? 'partial' : 'none',
      blob: !!(await server.storage.media.getBlob(sha256)),
    };
  }

  it("keeps a file sent sealed by the supervisor as the agent's, for the readers of the agent's submissions", async () => {
    const tablet = await device('agent');
    const { bytes, ref } = fakePhoto(40_000);
    const { ct, request } = await sealedFile(serverKey, tablet.keys.privateKey, tablet.clientId, bytes);
    expect(await uploadChunks(server, await server.login('supervisor'), ct)).toBe(request.sealedSha256);
    const finished = await finish('supervisor', request);
    expect(finished, JSON.stringify(finished.body)).toEqual({
      status: 200,
      body: { sha256: ref.sha256, complete: true },
    });

    // The server holds the plain bytes as the agent's upload; the ciphertext is gone.
    expect(await held(ref.sha256, 'agent')).toEqual({ upload: 'complete', blob: true });
    expect(await held(request.sealedSha256, 'supervisor')).toEqual({ upload: 'none', blob: false });
    const blob = await server.storage.media.getBlob(ref.sha256);
    const chunks = await server.storage.media.readChunks(ref.sha256, blob!.userId, 0, 100);
    expect(sha256Hex(Buffer.concat(chunks.map((c) => c.data)))).toBe(ref.sha256);

    // The agent's submission naming it, pushed sealed by the supervisor too: the reviewers get the bytes.
    const { mutationId: _m, clientId: _c, ...m } = photoMutation(tablet.clientId, 1, ref);
    const box = await sealForServer(serverKey, new TextEncoder().encode(JSON.stringify(m)));
    const pushed = await server.request('/api/sync/push-sealed', {
      token: await server.login('supervisor'),
      json: {
        protocol: 4,
        clientId: tablet.clientId,
        changes: [
          { seq: 1, box, signature: await signSealed(tablet.keys.privateKey, tablet.clientId, 1, box) },
        ],
      },
    });
    expect(((await pushed.json()) as PushResponse).results[0]?.status).toBe('applied');
    for (const reviewer of ['focal', 'admin', 'agent'])
      expect((await download(reviewer, ref.sha256)).bytes).toEqual(bytes);

    const [entry] = await server.storage.listAudit(1, { action: 'media.sealed' });
    const [agent, supervisor] = await Promise.all(
      ['agent', 'supervisor'].map((u) => server.storage.userByUsername(u)),
    );
    expect(entry).toMatchObject({
      userId: supervisor!.id,
      onBehalfOf: agent!.id,
      recordId: ref.sha256,
      details: { sha256: ref.sha256, size: 40_000, clientId: tablet.clientId },
    });

    // Finished again (a lost answer): the same answer, nothing more stored or audited.
    expect(await finish('supervisor', request)).toEqual(finished);
    expect(await server.storage.listAudit(10, { action: 'media.sealed' })).toHaveLength(1);
  });

  it('grants nothing to the sender: an outsider sends, the file is the author’s alone', async () => {
    const tablet = await device('agent2');
    const { bytes, ref } = fakePhoto(5_000);
    const { ct, request } = await sealedFile(serverKey, tablet.keys.privateKey, tablet.clientId, bytes);
    await uploadChunks(server, await server.login('outsider'), ct);
    expect((await finish('outsider', request)).status).toBe(200);
    expect((await download('outsider', ref.sha256)).status).toBe(403);
    // Pushed plainly by its author afterwards: their submission grants as after their own upload.
    const pushed = await server.push('agent2', tablet.clientId, [photoMutation(tablet.clientId, 1, ref)]);
    expect(pushed.body.results[0]?.status).toBe('applied');
    expect((await download('focal', ref.sha256)).bytes).toEqual(bytes);
    expect((await download('outsider', ref.sha256)).status).toBe(403);
  });

  it('refuses a forged signature, altered ciphertext, a wrong SHA-256, an unknown key, and stores nothing', async () => {
    const tablet = await device('agent');
    const token = await server.login('supervisor');
    const { bytes, ref } = fakePhoto(3_000);
    const good = await sealedFile(serverKey, tablet.keys.privateKey, tablet.clientId, bytes);
    await uploadChunks(server, token, good.ct);
    const refused = async (request: SealedMediaRequest, status: number, details: unknown) => {
      const res = await finish('supervisor', request);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (details) expect(res.body.error?.details).toMatchObject(details);
      expect(await held(ref.sha256, 'agent')).toEqual({ upload: 'none', blob: false });
    };

    // Signed by another key; or a field changed after signing.
    const forged = await sealedFile(serverKey, (await newDeviceKeys()).privateKey, tablet.clientId, bytes);
    await refused({ ...good.request, signature: forged.request.signature }, 403, { reason: 'signature' });
    await refused({ ...good.request, type: 'image/png' }, 403, { reason: 'signature' });
    await refused({ ...good.request, size: 3_001 }, 403, { reason: 'signature' });

    // Ciphertext altered, then uploaded and signed as it is (the device's signature cannot help it open).
    const altered = await sealedFile(serverKey, tablet.keys.privateKey, tablet.clientId, bytes, (f, ct) => {
      ct[100] = ct[100]! ^ 1;
      f.sealedSha256 = sha256Hex(ct);
    });
    await uploadChunks(server, token, altered.ct);
    await refused(altered.request, 400, { reason: 'unreadable' });
    // Altered but not re-signed: the sender holds no upload by the signed name.
    const unsigned = new Uint8Array(good.ct);
    unsigned[7] = unsigned[7]! ^ 1;
    await uploadChunks(server, token, unsigned);
    await refused({ ...good.request, sealedSha256: sha256Hex(unsigned) }, 403, { reason: 'signature' });

    // The device signs another file's SHA-256, or another size.
    const wrongSha = await sealedFile(serverKey, tablet.keys.privateKey, tablet.clientId, bytes, (f) => {
      f.sha256 = 'a'.repeat(64);
    });
    await uploadChunks(server, token, wrongSha.ct);
    await refused(wrongSha.request, 422, null);
    expect(await held('a'.repeat(64), 'agent')).toEqual({ upload: 'none', blob: false });
    const wrongSize = await sealedFile(serverKey, tablet.keys.privateKey, tablet.clientId, bytes, (f) => {
      f.size = 2_999;
    });
    await uploadChunks(server, token, wrongSize.ct);
    await refused(wrongSize.request, 422, null);

    // Sealed to a key the server does not hold.
    const unknown = await sealedFile(serverKey, tablet.keys.privateKey, tablet.clientId, bytes, (f) => {
      f.header = { ...f.header, keyId: 'k9' };
    });
    await uploadChunks(server, token, unknown.ct);
    await refused(unknown.request, 400, { reason: 'unknown_key' });

    // Not uploaded (by this sender: the supervisor's upload is not the focal point's).
    const res = await finish('focal', good.request);
    expect(res.status).toBe(404);
    // The good one still goes through.
    expect((await finish('supervisor', good.request)).status).toBe(200);
    expect(await held(ref.sha256, 'agent')).toEqual({ upload: 'complete', blob: true });
  });

  it("refuses an unregistered or revoked device and a request without a session; takes a disabled author's file", async () => {
    const { bytes } = fakePhoto(2_000);
    const token = await server.login('supervisor');

    const unregistered = await sealedFile(
      serverKey,
      (await newDeviceKeys()).privateKey,
      newClientId(),
      bytes,
    );
    await uploadChunks(server, token, unregistered.ct);
    expect(await finish('supervisor', unregistered.request)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', details: { reason: 'unregistered' } } },
    });

    const revokedTablet = await device('agent');
    const revoked = await sealedFile(serverKey, revokedTablet.keys.privateKey, revokedTablet.clientId, bytes);
    await uploadChunks(server, token, revoked.ct);
    await revokeDevice(server.storage, revokedTablet.clientId, server.clock.now);
    expect(await finish('supervisor', revoked.request)).toMatchObject({
      status: 403,
      body: { error: { details: { reason: 'revoked' } } },
    });
    const [entry] = await server.storage.listAudit(1, { action: 'device.refused' });
    expect(entry?.details).toMatchObject({ clientId: revokedTablet.clientId, via: 'media' });

    const leaver = await device('agent3');
    const disabled = await sealedFile(serverKey, leaver.keys.privateKey, leaver.clientId, bytes);
    await uploadChunks(server, token, disabled.ct);
    await disableUser(server.storage, 'agent3', server.clock.now);
    // Collected before the account was disabled, brought in by a colleague, as its sealed changes are.
    expect((await finish('supervisor', disabled.request)).status).toBe(200);
    expect(await held(sha256Hex(bytes), 'agent3')).toMatchObject({ upload: 'complete' });

    expect((await finish(null, revoked.request)).status).toBe(401);
    expect((await finish('supervisor', { ...revoked.request, header: 'x' })).status).toBe(400);
  });
});
