import fc from 'fast-check';
import type { MediaRef } from '../../../src/core/forms/answersSchema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHUNK_CONTENT_TYPE,
  MAX_MEDIA_BYTES,
  MAX_MEDIA_CHUNK_BYTES,
  MEDIA_CHUNK_BYTES,
  MediaUploadResponse,
} from '../../../src/core/sync/media';
import { storeWholeMedia } from '../../../src/server/media/storeWholeMedia';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm, sha256Hex } from './photoForm';

const CHUNK = 64 * 1024;

describe.each(backends)('media on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function head(username: string, sha256: string) {
    const res = await server.request(`/api/media/${sha256}`, {
      method: 'HEAD',
      token: await server.login(username),
    });
    return {
      status: res.status,
      offset: res.headers.get('Upload-Offset'),
      length: res.headers.get('Upload-Length'),
    };
  }

  async function patch(
    username: string,
    sha256: string,
    offset: number,
    length: number,
    body: BodyInit,
    headers: Record<string, string> = {},
  ) {
    const res = await server.request(`/api/media/${sha256}`, {
      method: 'PATCH',
      token: await server.login(username),
      body,
      headers: {
        'content-type': CHUNK_CONTENT_TYPE,
        'upload-offset': String(offset),
        'upload-length': String(length),
        'upload-media-type': 'image/jpeg',
        ...headers,
      },
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  /** Sends `bytes` from the server's offset, `chunk` bytes at a time. */
  async function upload(username: string, bytes: Uint8Array, sha256 = sha256Hex(bytes), chunk = CHUNK) {
    let offset = Number((await head(username, sha256)).offset);
    let last: { status: number; body: unknown } | undefined;
    do {
      last = await patch(username, sha256, offset, bytes.byteLength, bytes.slice(offset, offset + chunk));
      if (last.status !== 200) return last;
      offset = MediaUploadResponse.parse(last.body).offset;
    } while (!MediaUploadResponse.parse(last.body).complete);
    return last;
  }

  async function download(username: string, sha256: string) {
    const res = await server.request(`/api/media/${sha256}`, { token: await server.login(username) });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      headers: {
        cache: res.headers.get('cache-control'),
        disposition: res.headers.get('content-disposition'),
      },
      bytes: res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : null,
      body: res.status === 200 ? null : ((await res.json()) as { error: { code: string } }),
    };
  }

  /** Pushes a submission of the photo form whose answer names `ref`, as a device does before uploading it. */
  async function pushPhotoSubmission(username: string, ref: MediaRef) {
    const clientId = newClientId();
    const m = submission(clientId, 1, {
      fields: {
        formId: PHOTO_FORM.id,
        formVersion: PHOTO_FORM.version,
        data: { site: 'Puits nord', photo: ref },
      },
    });
    const { body } = await server.push(username, clientId, [m]);
    expect(body.results[0]?.status).toBe('applied');
    return m.id;
  }

  it('uploads in chunks, answers HEAD, and serves the bytes back with their type', async () => {
    const { bytes, ref } = fakePhoto(3 * CHUNK + 123);
    expect(await head('agent', ref.sha256)).toEqual({ status: 404, offset: '0', length: null });

    const first = await patch('agent', ref.sha256, 0, bytes.byteLength, bytes.slice(0, CHUNK));
    expect(first).toEqual({
      status: 200,
      body: { sha256: ref.sha256, offset: CHUNK, length: bytes.byteLength, complete: false },
    });
    expect(await head('agent', ref.sha256)).toEqual({
      status: 404,
      offset: String(CHUNK),
      length: String(bytes.byteLength),
    });
    // Another user's HEAD knows nothing of this user's upload in progress.
    expect((await head('agent2', ref.sha256)).offset).toBe('0');

    const last = await upload('agent', bytes);
    expect(last.body).toMatchObject({ offset: bytes.byteLength, complete: true });
    expect(await head('agent', ref.sha256)).toEqual({
      status: 200,
      offset: String(bytes.byteLength),
      length: String(bytes.byteLength),
    });
    // HEAD answers for the caller's own upload: a file someone else sent looks absent.
    expect(await head('focal', ref.sha256)).toEqual({ status: 404, offset: '0', length: null });

    const got = await download('agent', ref.sha256);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    // Beneficiaries' photos are data like any other: not kept by caches; and never opened as a page.
    expect(got.headers).toEqual({ cache: 'no-store', disposition: 'attachment' });
    expect(got.bytes).toEqual(bytes);
  });

  it('resumes a cut upload from the server offset, refusing chunks at any other offset', async () => {
    const { bytes, ref } = fakePhoto(4 * CHUNK);
    await patch('agent', ref.sha256, 0, bytes.byteLength, bytes.slice(0, CHUNK));

    // The connection drops while the second chunk is on its way: none of it is kept.
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(CHUNK, CHUNK + 1000));
        controller.error(new Error('connection reset'));
      },
    });
    const res = await server.app.request(`/api/media/${ref.sha256}`, {
      method: 'PATCH',
      body: cut,
      duplex: 'half',
      headers: {
        authorization: `Bearer ${await server.login('agent')}`,
        'content-type': CHUNK_CONTENT_TYPE,
        'upload-offset': String(CHUNK),
        'upload-length': String(bytes.byteLength),
      },
    } as RequestInit);
    expect(res.status).toBe(400);
    // A body shorter than its declared length is refused too.
    const short = await patch('agent', ref.sha256, CHUNK, bytes.byteLength, bytes.slice(CHUNK, CHUNK + 10), {
      'content-length': '5000',
    });
    expect(short.status).toBe(400);
    expect((await head('agent', ref.sha256)).offset).toBe(String(CHUNK));

    // A chunk sent again after its answer was lost, or past the offset: refused with where to resume.
    for (const offset of [0, 2 * CHUNK]) {
      const wrong = await patch(
        'agent',
        ref.sha256,
        offset,
        bytes.byteLength,
        bytes.slice(offset, offset + CHUNK),
      );
      expect(wrong).toMatchObject({
        status: 409,
        body: { error: { code: 'offset_mismatch', details: { offset: CHUNK } } },
      });
    }

    const done = await upload('agent', bytes);
    expect(done.body).toMatchObject({ complete: true, offset: bytes.byteLength });
    expect((await download('agent', ref.sha256)).bytes).toEqual(bytes);
    // Once complete, a further chunk of the uploader is answered "complete"; anyone else sends the whole file.
    const again = await patch('agent', ref.sha256, 0, bytes.byteLength, bytes.slice(0, CHUNK));
    expect(again).toMatchObject({ status: 200, body: { complete: true, offset: bytes.byteLength } });
    const other = await patch('agent2', ref.sha256, 0, bytes.byteLength, bytes.slice(0, CHUNK));
    expect(other).toMatchObject({ status: 200, body: { complete: false, offset: CHUNK } });
  });

  it('refuses and discards bytes that do not match their SHA-256', async () => {
    const { bytes } = fakePhoto(2 * CHUNK);
    const claimed = sha256Hex(new Uint8Array([1, 2, 3]));
    const res = await upload('agent', bytes, claimed);
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'hash_mismatch' } } });
    expect(await head('agent', claimed)).toEqual({ status: 404, offset: '0', length: null });
    expect((await download('agent', claimed)).status).toBe(403);
    const rows = await server.storage.media.readChunks(
      claimed,
      (await server.storage.userByUsername('agent'))!.id,
      0,
      10,
    );
    expect(rows).toEqual([]);
  });

  it('lets download only the uploader and whoever may see a submission naming the file', async () => {
    const { bytes, ref } = fakePhoto(CHUNK + 7);
    // The record arrives before its photo: it is accepted, and reviewers learn the photo is on its way.
    await pushPhotoSubmission('agent', ref);
    expect((await download('focal', ref.sha256)).body?.error.code).toBe('not_found');
    expect((await download('agent2', ref.sha256)).status).toBe(403);

    await upload('agent', bytes);
    for (const username of ['agent', 'focal', 'supervisor', 'admin']) {
      const got = await download(username, ref.sha256);
      expect({ username, status: got.status }).toEqual({ username, status: 200 });
      expect(got.bytes).toEqual(bytes);
    }
    // Another agent of the project does not see the submission; a member of another project neither.
    for (const username of ['agent2', 'outsider']) {
      expect({ username, status: (await download(username, ref.sha256)).status }).toEqual({
        username,
        status: 403,
      });
    }
    // Having uploaded the same bytes, whole, is enough to get them back.
    const outsiderUpload = await upload('outsider', bytes);
    expect(outsiderUpload.body).toMatchObject({ complete: true });
    expect((await download('outsider', ref.sha256)).bytes).toEqual(bytes);
    const { bytes: own } = fakePhoto(100);
    await upload('outsider', own);
    expect((await download('outsider', sha256Hex(own))).bytes).toEqual(own);
    // Signed-out requests learn nothing.
    const anonymous = await server.request(`/api/media/${ref.sha256}`, { method: 'HEAD' });
    expect(anonymous.status).toBe(401);
  });

  it('lets an agent download the photo of a correction of their submission, like they pull it', async () => {
    const { ref: first } = fakePhoto(100);
    const original = await pushPhotoSubmission('agent', first);
    // A focal point corrects it with another photo, which only they have uploaded.
    const { bytes, ref } = fakePhoto(CHUNK + 3);
    const clientId = newClientId();
    const correction = submission(clientId, 1, {
      fields: {
        formId: PHOTO_FORM.id,
        formVersion: PHOTO_FORM.version,
        data: { site: 'Puits nord', photo: ref },
        replaces: original,
      },
    });
    expect((await server.push('focal', clientId, [correction])).body.results[0]?.status).toBe('applied');
    await upload('focal', bytes);

    expect((await server.pullAll('agent')).some((c) => c.id === correction.id)).toBe(true);
    expect((await download('agent', ref.sha256)).bytes).toEqual(bytes);
    expect((await download('agent2', ref.sha256)).status).toBe(403);
  });

  it('keeps to the size limits and checks the request', async () => {
    const { bytes, ref } = fakePhoto(10);
    const huge = await patch('agent', ref.sha256, 0, MAX_MEDIA_BYTES + 1, bytes);
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    const bigChunk = new Uint8Array(MAX_MEDIA_CHUNK_BYTES + 1);
    const tooBig = await patch('agent', ref.sha256, 0, MAX_MEDIA_BYTES, bigChunk);
    expect(tooBig).toMatchObject({ status: 413 });
    const past = await patch('agent', ref.sha256, 0, 5, bytes);
    expect(past).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const noOffset = await patch('agent', ref.sha256, 0, 10, bytes, { 'upload-offset': 'x' });
    expect(noOffset.status).toBe(400);
    const json = await patch('agent', ref.sha256, 0, 10, bytes, { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    const badType = await patch('agent', ref.sha256, 0, 10, bytes, { 'upload-media-type': 'text/html; x=<' });
    expect(badType.status).toBe(400);
    const badSha = await server.request('/api/media/NOTAHASH', { token: await server.login('agent') });
    expect(badSha.status).toBe(404);
    // An empty file is a file too.
    const empty = new Uint8Array(0);
    expect((await upload('agent', empty)).body).toMatchObject({ complete: true, length: 0 });
    expect((await download('agent', sha256Hex(empty))).bytes).toEqual(empty);
  });

  it('a restarted upload of another length starts again from zero', async () => {
    const { bytes, ref } = fakePhoto(2 * CHUNK);
    await patch('agent', ref.sha256, 0, 3 * CHUNK, bytes.slice(0, CHUNK));
    const resumed = await patch('agent', ref.sha256, CHUNK, bytes.byteLength, bytes.slice(CHUNK));
    expect(resumed).toMatchObject({ status: 409, body: { error: { details: { offset: 0 } } } });
    expect((await upload('agent', bytes)).body).toMatchObject({ complete: true });
    expect((await download('agent', ref.sha256)).bytes).toEqual(bytes);
  });

  it('stores a whole file at once (an import), checked like an upload', async () => {
    const agent = (await server.storage.userByUsername('agent'))!;
    const { bytes, ref } = fakePhoto(3 * MEDIA_CHUNK_BYTES + 5);
    const answer = await storeWholeMedia(
      server.storage,
      agent,
      { sha256: ref.sha256, type: 'image/jpeg', bytes },
      server.clock.now,
    );
    expect(answer).toMatchObject({ complete: true, length: bytes.byteLength });
    expect((await download('agent', ref.sha256)).bytes).toEqual(bytes);
    await expect(
      storeWholeMedia(
        server.storage,
        agent,
        { sha256: sha256Hex(new Uint8Array(1)), type: 'image/jpeg', bytes },
        server.clock.now,
      ),
    ).rejects.toMatchObject({ code: 'hash_mismatch' });
  });

  it('ends with the exact bytes whatever chunks are lost, resent or misplaced (property)', async () => {
    const step = fc.record({
      size: fc.integer({ min: 1, max: 9000 }),
      fault: fc.constantFrom('ok', 'lost', 'answerLost', 'ahead'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 * 4096 }),
        fc.array(step, { maxLength: 12 }),
        async (size, steps) => {
          const { bytes, ref } = fakePhoto(size);
          // What the device believes the server holds.
          let offset = 0;
          let complete = false;
          for (let i = 0; !complete; i += 1) {
            if (i > 200) throw new Error('The upload made no progress');
            // The faults of the plan first, then a clean link.
            const { size: chunkSize, fault } = steps[i] ?? { size: 4096, fault: 'ok' };
            if (fault === 'lost') continue;
            const at = fault === 'ahead' ? offset + 1 : offset;
            const res = await patch('agent', ref.sha256, at, size, bytes.slice(at, at + chunkSize));
            if (res.status === 409) {
              offset = (res.body as { error: { details: { offset: number } } }).error.details.offset;
              continue;
            }
            expect(res.status).toBe(200);
            const answer = MediaUploadResponse.parse(res.body);
            complete = answer.complete;
            // An answer lost after the commit: the device still believes the old offset.
            if (fault !== 'answerLost') offset = answer.offset;
          }
          expect((await download('agent', ref.sha256)).bytes).toEqual(bytes);
        },
      ),
      { numRuns: 8 },
    );
  });
});
