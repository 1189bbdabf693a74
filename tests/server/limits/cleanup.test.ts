import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { CHUNK_CONTENT_TYPE } from '../../../src/core/sync/media';
import { cleanupCommand } from '../../../src/server/limits/cleanupCommand';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { cleanup } from '../../../src/server/limits/cleanup';
import { startCleanupTimer } from '../../../src/server/limits/cleanupTimer';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from '../media/photoForm';

/**
 * Hole 7 of issue 11: orphan uploads were never cleaned. Unfinished uploads untouched for the delay, and
 * complete files that no submission names and are older than the delay, are deleted; a file a submission
 * names never is, whenever its submission came.
 */
const HOUR = 3_600_000;
const TTL = 7 * 24 * HOUR;

describe.each(backends)('cleanup of unclaimed uploads ($name)', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
  });
  afterEach(async () => {
    await server?.close();
  });

  const later = (ms: number) => {
    server.clock.now = new Date(server.clock.now.getTime() + ms);
  };

  async function sendChunk(username: string, bytes: Uint8Array, sha256: string, from: number, to: number) {
    const res = await server.request(`/api/media/${sha256}`, {
      method: 'PATCH',
      token: await server.login(username),
      body: bytes.slice(from, to),
      headers: {
        'content-type': CHUNK_CONTENT_TYPE,
        'upload-offset': String(from),
        'upload-length': String(bytes.byteLength),
      },
    });
    expect(res.status).toBe(200);
  }

  async function pushNaming(ref: ReturnType<typeof fakePhoto>['ref']) {
    const clientId = newClientId();
    const m = submission(clientId, 1, {
      fields: { formId: PHOTO_FORM.id, formVersion: PHOTO_FORM.version, data: { site: 'Puits', photo: ref } },
    });
    expect((await server.push('agent', clientId, [m])).body.results[0]?.status).toBe('applied');
  }

  /** What the server holds of a file: its blob, this user's upload, and the bytes of either. */
  async function held(sha256: string) {
    const agent = (await server.storage.userByUsername('agent'))!;
    const chunks = await server.storage.media.readChunks(sha256, agent.id, 0, 100);
    return {
      blob: (await server.storage.media.getBlob(sha256)) !== undefined,
      upload: (await server.storage.media.getUpload(sha256, agent.id)) !== undefined,
      bytes: chunks.reduce((sum, c) => sum + c.data.byteLength, 0),
    };
  }

  it('deletes stale unfinished uploads and old unnamed files, and keeps the rest', async () => {
    const partial = fakePhoto(2000);
    await sendChunk('agent', partial.bytes, partial.ref.sha256, 0, 1000);
    const orphan = fakePhoto(1500);
    await sendChunk('agent', orphan.bytes, orphan.ref.sha256, 0, 1500);
    // Named before its bytes came (records go first), and named after them: both kept.
    const named = fakePhoto(1200);
    await pushNaming(named.ref);
    await sendChunk('agent', named.bytes, named.ref.sha256, 0, 1200);
    const namedLate = fakePhoto(1300);
    await sendChunk('agent', namedLate.bytes, namedLate.ref.sha256, 0, 1300);
    const slow = fakePhoto(2000);
    await sendChunk('agent', slow.bytes, slow.ref.sha256, 0, 500);

    // Six days on: an agent back from the field pushes the record of a file sent days ago, a slow upload
    // goes on, and a new orphan arrives.
    later(6 * 24 * HOUR);
    await pushNaming(namedLate.ref);
    await sendChunk('agent', slow.bytes, slow.ref.sha256, 500, 1000);
    const young = fakePhoto(900);
    await sendChunk('agent', young.bytes, young.ref.sha256, 0, 900);

    // Nothing is old enough yet.
    expect(await cleanup(server.storage, server.clock.now, TTL)).toEqual({ uploads: 0, blobs: 0 });

    later(1 * 24 * HOUR + 1);
    expect(await cleanup(server.storage, server.clock.now, TTL)).toEqual({ uploads: 1, blobs: 1 });
    expect(await held(partial.ref.sha256)).toEqual({ blob: false, upload: false, bytes: 0 });
    expect(await held(orphan.ref.sha256)).toEqual({ blob: false, upload: false, bytes: 0 });
    expect(await held(named.ref.sha256)).toEqual({ blob: true, upload: true, bytes: 1200 });
    expect(await held(namedLate.ref.sha256)).toEqual({ blob: true, upload: true, bytes: 1300 });
    expect(await held(slow.ref.sha256)).toEqual({ blob: false, upload: true, bytes: 1000 });
    expect(await held(young.ref.sha256)).toEqual({ blob: true, upload: true, bytes: 900 });
    // The device that lost its upload starts again from 0.
    const head = await server.request(`/api/media/${partial.ref.sha256}`, {
      method: 'HEAD',
      token: await server.login('agent'),
    });
    expect([head.status, head.headers.get('upload-offset')]).toEqual([404, '0']);

    // A file named by a submission is kept however old.
    later(365 * 24 * HOUR);
    expect(await cleanup(server.storage, server.clock.now, TTL)).toEqual({ uploads: 1, blobs: 1 });
    expect(await held(named.ref.sha256)).toMatchObject({ blob: true, bytes: 1200 });
    expect(await held(namedLate.ref.sha256)).toMatchObject({ blob: true, bytes: 1300 });
  });

  it("keeps a file a project's documents name, however old", async () => {
    const document = fakePhoto(1100, 'plan.pdf');
    const clientId = newClientId();
    const { body } = await server.push('supervisor', clientId, [
      {
        mutationId: randomUUID(),
        clientId,
        seq: 1,
        hlc: encodeHlc({ wall: server.clock.now.getTime() + 1000, counter: 0, node: clientId }),
        table: 'projects',
        id: DEMO_PROJECT.id,
        op: 'put',
        fields: {
          documents: [
            { sha256: document.ref.sha256, title: 'Plan', name: 'plan.pdf', type: 'application/pdf' },
          ],
        },
      },
    ]);
    expect(body.results[0]?.status).toBe('applied');
    await sendChunk('supervisor', document.bytes, document.ref.sha256, 0, 1100);
    const orphan = fakePhoto(1000);
    await sendChunk('supervisor', orphan.bytes, orphan.ref.sha256, 0, 1000);
    later(365 * 24 * HOUR);
    expect(await cleanup(server.storage, server.clock.now, TTL)).toEqual({ uploads: 0, blobs: 1 });
    expect(await server.storage.media.getBlob(document.ref.sha256)).toBeDefined();
    expect(await server.storage.media.getBlob(orphan.ref.sha256)).toBeUndefined();
  });

  it('npm run cli -- cleanup sweeps with UPLOAD_TTL_HOURS and says what it removed', async () => {
    const orphan = fakePhoto(1000);
    await sendChunk('agent', orphan.bytes, orphan.ref.sha256, 0, 1000);
    later(3 * HOUR);
    const lines: string[] = [];
    const say = (line: string) => lines.push(line);
    await cleanupCommand(server.storage, [], { env: { UPLOAD_TTL_HOURS: '4' }, now: server.clock.now, say });
    expect(await held(orphan.ref.sha256)).toMatchObject({ blob: true });
    await cleanupCommand(server.storage, [], { env: { UPLOAD_TTL_HOURS: '2' }, now: server.clock.now, say });
    expect(await held(orphan.ref.sha256)).toMatchObject({ blob: false });
    expect(lines).toEqual([
      'Removed 0 unfinished uploads and 0 files no submission names (older than 4 hours).',
      'Removed 0 unfinished uploads and 1 file no submission names (older than 2 hours).',
    ]);
  });

  it('runs on a timer in the server, which stop() ends', async () => {
    const orphan = fakePhoto(1000);
    await sendChunk('agent', orphan.bytes, orphan.ref.sha256, 0, 1000);
    later(TTL + 1);
    const ticks: (() => void)[] = [];
    let unref = 0;
    let cleared = 0;
    const timer = startCleanupTimer(server.storage, {
      intervalMs: HOUR,
      ttlMs: TTL,
      now: () => server.clock.now,
      log: () => undefined,
      timers: {
        setInterval: (tick, ms) => {
          expect(ms).toBe(HOUR);
          ticks.push(tick);
          return { unref: () => (unref += 1) };
        },
        clearInterval: () => (cleared += 1),
      },
    });
    expect([ticks.length, unref]).toEqual([1, 1]);
    ticks[0]!();
    await timer.stop();
    expect(cleared).toBe(1);
    expect(await held(orphan.ref.sha256)).toMatchObject({ blob: false });
  });
});
