import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaRef } from '../../../src/core/forms/answersSchema';
import { CHUNK_CONTENT_TYPE, MediaUploadResponse } from '../../../src/core/sync/media';
import { UnsyncedExport, unsyncedExportChecksum } from '../../../src/core/sync/unsyncedExport';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { importUnsynced } from '../../../src/server/sync/importUnsynced';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, PASSWORD, publishDefinition, setupServer, submission } from '../harness';
import type { TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from './photoForm';

const CHUNK = 16 * 1024;
/** The photo form of the other project. */
const OTHER_PHOTO_FORM = { ...PHOTO_FORM, id: 'site_photo_tbt' };

/**
 * Hole 5 of issue 11: who may download a file, and what HEAD and PATCH tell. A reference from a submission
 * grants access only when its author proved they hold the bytes (they uploaded them, or could already
 * download them when they pushed it); HEAD answers the caller's own upload only.
 */
describe.each(backends)('media access on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
    await publishDefinition(server.storage, OTHER_PHOTO_FORM, server.clock.now, OTHER_PROJECT);
    // A focal point of the other project only: a reviewer who must never reach the demo project's photos.
    await server.storage.transaction((tx) =>
      createAccount(
        tx,
        {
          username: 'focal2',
          displayName: 'focal2',
          role: 'focal_point',
          password: PASSWORD,
          projectIds: [OTHER_PROJECT],
        },
        server.clock.now,
        TEST_PASSWORD_COST,
      ),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  async function head(username: string, sha256: string) {
    const res = await server.request(`/api/media/${sha256}`, {
      method: 'HEAD',
      token: await server.login(username),
    });
    return { status: res.status, offset: res.headers.get('Upload-Offset') };
  }

  async function patch(username: string, sha256: string, offset: number, bytes: Uint8Array) {
    const res = await server.request(`/api/media/${sha256}`, {
      method: 'PATCH',
      token: await server.login(username),
      body: bytes.slice(offset, offset + CHUNK),
      headers: {
        'content-type': CHUNK_CONTENT_TYPE,
        'upload-offset': String(offset),
        'upload-length': String(bytes.byteLength),
        'upload-media-type': 'image/jpeg',
      },
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  /** Uploads as the device does: HEAD for the offset, then chunks until the server says complete. */
  async function upload(username: string, bytes: Uint8Array, sha256: string) {
    const state = await head(username, sha256);
    if (state.status === 200) return { chunks: 0 };
    let offset = Number(state.offset);
    let chunks = 0;
    for (;;) {
      const res = await patch(username, sha256, offset, bytes);
      expect(res.status).toBe(200);
      chunks += 1;
      const answer = MediaUploadResponse.parse(res.body);
      if (answer.complete) return { chunks };
      offset = answer.offset;
    }
  }

  async function download(username: string, sha256: string) {
    const res = await server.request(`/api/media/${sha256}`, { token: await server.login(username) });
    const bytes = res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : null;
    const body =
      res.status === 200 ? null : ((await res.json()) as { error: { code: string; message: string } });
    return { status: res.status, bytes, body };
  }

  const statuses = async (usernames: string[], sha256: string) => {
    const out: Record<string, number> = {};
    for (const username of usernames) out[username] = (await download(username, sha256)).status;
    return out;
  };

  /** Pushes a photo-form submission naming `ref`, in `projectId`, optionally correcting another. */
  async function pushPhoto(
    username: string,
    ref: MediaRef,
    options: { projectId?: string; replaces?: string } = {},
  ): Promise<string> {
    const clientId = newClientId();
    const projectId = options.projectId ?? DEMO_PROJECT.id;
    const m = submission(clientId, 1, {
      fields: {
        formId: projectId === OTHER_PROJECT ? OTHER_PHOTO_FORM.id : PHOTO_FORM.id,
        formVersion: PHOTO_FORM.version,
        projectId,
        data: { site: 'Puits nord', photo: ref },
        replaces: options.replaces ?? null,
      },
    });
    const { body } = await server.push(username, clientId, [m]);
    expect(body.results[0]?.status).toBe('applied');
    return m.id;
  }

  it("does not let a submission naming another user's file download it", async () => {
    const { bytes, ref } = fakePhoto(2 * CHUNK + 11);
    await pushPhoto('agent', ref);
    await upload('agent', bytes, ref.sha256);

    // Knowing the hash is not holding the bytes: naming it in one's own submission grants nothing, in
    // another project (outsider) or in the same one (agent2). Their reviewers (focal2) are told the file
    // has not come from its author, as they would be for any file the server does not hold.
    await pushPhoto('outsider', ref, { projectId: OTHER_PROJECT });
    await pushPhoto('agent2', ref);
    expect(await statuses(['outsider', 'focal2', 'agent2'], ref.sha256)).toEqual({
      outsider: 403,
      focal2: 404,
      agent2: 403,
    });
    // Named first and downloaded later, or the other way round: the same.
    const { bytes: later, ref: laterRef } = fakePhoto(100);
    await pushPhoto('outsider', laterRef, { projectId: OTHER_PROJECT });
    await pushPhoto('agent', laterRef);
    await upload('agent', later, laterRef.sha256);
    expect(await statuses(['outsider', 'focal2'], laterRef.sha256)).toEqual({ outsider: 403, focal2: 404 });

    // The project's reviewers and the author may.
    expect(await statuses(['agent', 'focal', 'supervisor', 'admin'], ref.sha256)).toEqual({
      agent: 200,
      focal: 200,
      supervisor: 200,
      admin: 200,
    });
    expect((await download('focal', ref.sha256)).bytes).toEqual(bytes);
  });

  it('answers HEAD with the caller’s own upload only; the uploader resumes from it', async () => {
    const { bytes, ref } = fakePhoto(3 * CHUNK);
    expect(await head('agent', ref.sha256)).toEqual({ status: 404, offset: '0' });
    await patch('agent', ref.sha256, 0, bytes);
    // The uploader learns where to resume; nobody else learns anything.
    expect(await head('agent', ref.sha256)).toEqual({ status: 404, offset: String(CHUNK) });
    expect(await head('focal', ref.sha256)).toEqual({ status: 404, offset: '0' });
    const resumed = await upload('agent', bytes, ref.sha256);
    expect(resumed.chunks).toBe(2);
    expect(await head('agent', ref.sha256)).toEqual({ status: 200, offset: String(bytes.byteLength) });
    // A file someone else uploaded looks absent, to any role.
    for (const username of ['agent2', 'focal', 'supervisor', 'admin', 'outsider'])
      expect({ username, ...(await head(username, ref.sha256)) }).toEqual({
        username,
        status: 404,
        offset: '0',
      });
  });

  it('makes someone else send the whole file before it counts as theirs', async () => {
    const { bytes, ref } = fakePhoto(3 * CHUNK);
    await upload('agent', bytes, ref.sha256);
    // The first chunk of a file the server holds is not answered "complete": that would prove nothing.
    const first = await patch('outsider', ref.sha256, 0, bytes);
    expect(first).toEqual({
      status: 200,
      body: { sha256: ref.sha256, offset: CHUNK, length: bytes.byteLength, complete: false },
    });
    expect((await download('outsider', ref.sha256)).status).toBe(403);
    // Bytes that are not the file's are refused as for any upload.
    const wrong = new Uint8Array(bytes);
    wrong[bytes.byteLength - 1] = (bytes[bytes.byteLength - 1] ?? 0) ^ 1;
    await patch('outsider', ref.sha256, CHUNK, wrong);
    expect((await patch('outsider', ref.sha256, 2 * CHUNK, wrong)).status).toBe(422);
    expect((await download('outsider', ref.sha256)).status).toBe(403);

    // The whole file, hash-checked: the outsider holds it, and so may their project's reviewers.
    expect((await download('focal2', ref.sha256)).status).toBe(403);
    await pushPhoto('outsider', ref, { projectId: OTHER_PROJECT });
    expect((await download('focal2', ref.sha256)).status).toBe(404);
    expect(await upload('outsider', bytes, ref.sha256)).toEqual({ chunks: 3 });
    expect(await head('outsider', ref.sha256)).toEqual({ status: 200, offset: String(bytes.byteLength) });
    expect((await download('outsider', ref.sha256)).bytes).toEqual(bytes);
    expect((await download('focal2', ref.sha256)).bytes).toEqual(bytes);
    // The bytes are kept once.
    const outsider = (await server.storage.userByUsername('outsider'))!;
    expect(await server.storage.media.readChunks(ref.sha256, outsider.id, 0, 10)).toEqual([]);
  });

  it('tells reviewers a photo is on its way without telling anyone whether the server holds it', async () => {
    const { bytes, ref } = fakePhoto(CHUNK + 1);
    const { ref: other } = fakePhoto(50);
    // Records first: the reviewers learn the photo has not arrived yet.
    await pushPhoto('agent', ref);
    expect((await download('focal', ref.sha256)).status).toBe(404);
    expect((await download('agent2', ref.sha256)).status).toBe(403);
    // A stranger's submission naming a file: "not yet received" to their reviewers whether or not the
    // server holds those bytes, and the author may not download what they never sent.
    await upload('agent', bytes, ref.sha256);
    await pushPhoto('outsider', ref, { projectId: OTHER_PROJECT });
    await pushPhoto('outsider', other, { projectId: OTHER_PROJECT });
    expect(await statuses(['focal2'], ref.sha256)).toEqual({ focal2: 404 });
    expect(await statuses(['focal2'], other.sha256)).toEqual({ focal2: 404 });
    expect((await download('outsider', ref.sha256)).body?.error.code).toBe('forbidden');
    expect((await download('outsider', other.sha256)).body?.error.code).toBe('forbidden');
    expect((await download('focal', ref.sha256)).bytes).toEqual(bytes);
  });

  it("keeps a photo visible in a focal point's correction, and in the agent's view of it", async () => {
    const { bytes, ref } = fakePhoto(CHUNK + 5);
    const original = await pushPhoto('agent', ref);
    await upload('agent', bytes, ref.sha256);
    // The focal point could download the photo when they corrected the submission: their reference counts.
    const correction = await pushPhoto('focal', ref, { replaces: original });
    expect(await statuses(['agent', 'focal', 'supervisor', 'agent2'], ref.sha256)).toEqual({
      agent: 200,
      focal: 200,
      supervisor: 200,
      agent2: 403,
    });
    const refs = await server.storage.media.refsOf(ref.sha256);
    expect(refs.find((r) => r.submissionId === correction)).toMatchObject({ grants: true });
    expect(refs.find((r) => r.submissionId === original)).toMatchObject({ grants: true });
  });

  it('records each download in the audit log', async () => {
    const { bytes, ref } = fakePhoto(200);
    await pushPhoto('agent', ref);
    await upload('agent', bytes, ref.sha256);
    await server.request(`/api/media/${ref.sha256}`, {
      token: await server.login('focal'),
      headers: { 'user-agent': 'tablet-7' },
    });
    await download('outsider', ref.sha256);
    const focal = (await server.storage.userByUsername('focal'))!;
    const entries = (await server.storage.listAudit(100, { action: 'media.download' })).filter(
      (e) => e.recordId === ref.sha256,
    );
    expect(entries).toEqual([
      expect.objectContaining({
        userId: focal.id,
        tbl: 'media',
        recordId: ref.sha256,
        userAgent: 'tablet-7',
      }),
    ]);
  });

  it("stores an export file's media as its user's upload, granting what their submissions name", async () => {
    const { bytes, ref } = fakePhoto(CHUNK * 2 + 9);
    // The file's user holds a photo the server already has from someone else: the import sends it whole.
    await pushPhoto('agent2', ref);
    await upload('agent2', bytes, ref.sha256);
    const agent = (await server.storage.userByUsername('agent'))!;
    const supervisor = (await server.storage.userByUsername('supervisor'))!;
    const clientId = newClientId();
    const m = submission(clientId, 1, {
      fields: { formId: PHOTO_FORM.id, formVersion: PHOTO_FORM.version, data: { site: 'Puits', photo: ref } },
    });
    const raw: Record<string, unknown> = {
      format: 'terrain-unsynced',
      version: 1,
      exportedAt: '2026-11-24T09:00:00.000Z',
      userId: agent.id,
      clientId,
      mutations: [{ ...m, state: 'pending' }],
      submissions: [{ id: m.id }],
      drafts: [],
      media: [{ ...ref, data: Buffer.from(bytes).toString('base64') }],
    };
    raw.checksum = await unsyncedExportChecksum(raw);
    // Unsigned, as the operator may take it (signatures are tests/server/devices' subject).
    const result = await importUnsynced(
      server.storage,
      UnsyncedExport.parse(raw),
      supervisor,
      server.clock.now,
      {
        trustUnsigned: true,
      },
    );
    expect(result.media.stored).toBe(1);
    expect(await head('agent', ref.sha256)).toEqual({ status: 200, offset: String(bytes.byteLength) });
    const refs = await server.storage.media.refsOf(ref.sha256);
    expect(refs.find((r) => r.submissionId === m.id)).toMatchObject({ grants: true });
    expect((await download('agent', ref.sha256)).bytes).toEqual(bytes);
  });

  it('grants a reference once its author completes the upload, even when the push came first', async () => {
    const { bytes, ref } = fakePhoto(300);
    const id = await pushPhoto('agent', ref);
    expect((await server.storage.media.refsOf(ref.sha256)).map((r) => [r.submissionId, r.grants])).toEqual([
      [id, false],
    ]);
    await upload('agent', bytes, ref.sha256);
    expect((await server.storage.media.refsOf(ref.sha256)).map((r) => [r.submissionId, r.grants])).toEqual([
      [id, true],
    ]);
    // A reference pushed after the upload is granted at once.
    const again = await pushPhoto('agent', ref, { replaces: id });
    expect(
      (await server.storage.media.refsOf(ref.sha256)).find((r) => r.submissionId === again)?.grants,
    ).toBe(true);
  });
});
