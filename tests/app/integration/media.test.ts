import { describe, expect, it } from 'vitest';
import type { FormRecord } from '../../../src/app/db/schema';
import { getMedia, putMedia } from '../../../src/app/repositories/media';
import { createDraft, saveDraftAnswers } from '../../../src/app/repositories/drafts';
import type { SyncProgress } from '../../../src/app/sync/SyncEngine';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { MEDIA_CHUNK_BYTES } from '../../../src/core/sync/media';
import { backends } from '../../server/backends';
import type { TestServer } from '../../server/harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm, sha256Hex } from '../../server/media/photoForm';
import { serverView, type Device } from './realServer';
import { useRealServer } from './useRealServer';

/**
 * Photos between real devices and the real server, on every backend: records go first, the bytes follow in
 * chunks that resume from the server's offset after a cut, and reviewers download them on demand.
 */

async function photoForm(device: Device): Promise<FormRecord> {
  const form = await device.db.forms.get(formVersionKey(DEMO_PROJECT.id, PHOTO_FORM.id, PHOTO_FORM.version));
  if (!form) throw new Error('The photo form was not pulled');
  return form;
}

/** Takes a photo as the form page does (bytes stored, answer names them) and finalizes the submission. */
async function finalizeWithPhoto(device: Device, size: number) {
  const photo = fakePhoto(size);
  await putMedia(device.db, photo.ref, new Blob([photo.bytes], { type: photo.ref.type }));
  const submission = await device.finalize({ site: 'Puits nord', photo: photo.ref }, await photoForm(device));
  return { ...photo, submission };
}

/** What the server holds of a file: the blob's bytes once complete, else the uploader's offset. */
async function serverMedia(server: TestServer, sha256: string, uploader: Device) {
  const blob = await server.storage.media.getBlob(sha256);
  const upload = await server.storage.media.getUpload(sha256, uploader.userId);
  if (!blob) return { complete: false, received: upload?.received ?? 0 };
  const chunks = await server.storage.media.readChunks(sha256, blob.userId, 0, 1000);
  const bytes = new Uint8Array(Buffer.concat(chunks.map((c) => c.data)));
  return { complete: true, sha256: sha256Hex(bytes), size: bytes.byteLength };
}

const patches = (device: Device) => device.log.filter((r) => r.method === 'PATCH');

describe.each(backends)('media sync against the real server ($name)', (backend) => {
  const t = useRealServer(backend, {
    setup: (server) => publishPhotoForm(server.storage, server.clock.now),
  });

  it('a photo upload cut in the middle resumes from the server offset and completes with the right hash', async () => {
    const agent = await t.device('agent');
    const size = 2 * MEDIA_CHUNK_BYTES + 150_000;
    const { ref, submission } = await finalizeWithPhoto(agent, size);
    // A photo of a draft never leaves the device.
    const draftPhoto = fakePhoto(1000);
    await putMedia(agent.db, draftPhoto.ref, new Blob([draftPhoto.bytes]));
    const draft = await createDraft(agent.db, await photoForm(agent));
    await saveDraftAnswers(agent.db, draft.id, { site: 'Brouillon', photo: draftPhoto.ref });

    const progress: SyncProgress[] = [];
    agent.engine.subscribe((s) => {
      if (s.progress?.kind === 'media' && s.progress !== progress.at(-1)) progress.push(s.progress);
    });

    // The second chunk reaches the server, which stores it; its answer is lost on the way back.
    agent.log.length = 0;
    await agent.sync({ media: [{ kind: 'pass' }, { kind: 'pass' }, { kind: 'response_lost' }] });
    expect(agent.engine.getStatus().phase).toBe('offline');
    // The record went first and is on the server all the same.
    expect((await serverView(t.server.storage)).submissions.has(submission.id)).toBe(true);
    expect(await agent.db.submissions.get(submission.id)).toMatchObject({ syncState: 'synced' });
    expect(await serverMedia(t.server, ref.sha256, agent)).toEqual({
      complete: false,
      received: 2 * MEDIA_CHUNK_BYTES,
    });
    expect((await getMedia(agent.db, ref.sha256))?.uploadState).toBe('pending');

    // Next time: HEAD gives the server's offset, and only the rest is sent, though its first half is cut.
    agent.log.length = 0;
    await agent.sync({ media: [{ kind: 'pass' }, { kind: 'request_truncated' }] });
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', lastError: null });
    expect(agent.log.find((r) => r.method === 'HEAD')?.serverStatus).toBe(404);
    // 150,000 bytes were left: half of them arrived cut, the other half in the next chunk.
    expect(patches(agent).map((r) => r.fault)).toEqual(['request_truncated', 'pass']);
    expect(await serverMedia(t.server, ref.sha256, agent)).toEqual({
      complete: true,
      sha256: ref.sha256,
      size,
    });
    expect(await getMedia(agent.db, ref.sha256)).toMatchObject({ uploadState: 'uploaded' });
    expect((await getMedia(agent.db, draftPhoto.ref.sha256))?.uploadState).toBeUndefined();
    expect(await t.server.storage.media.getBlob(draftPhoto.ref.sha256)).toBeUndefined();
    expect(progress.at(-1)).toEqual({ kind: 'media', sent: size, total: size });

    // Nothing more to send: the next sync does not touch media at all.
    agent.log.length = 0;
    await agent.sync();
    expect(agent.log.filter((r) => r.path.startsWith('/api/media/'))).toEqual([]);
  }, 60_000);

  it('a submission pushed before its photo reaches reviewers, who download the photo on demand', async () => {
    const agent = await t.device('agent');
    const focal = await t.device('focal');
    const agent2 = await t.device('agent2');
    const { ref, bytes, submission } = await finalizeWithPhoto(agent, 40_000);

    // The media requests fail (server errors): the record syncs regardless, the photo waits.
    agent.faults.media.push({ kind: 'status', status: 503, retryAfter: '30' });
    agent.engine.start();
    await agent.engine.syncNow();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'error', pending: 0 });
    expect(agent.engine.getStatus().nextRetryAt).toBe(agent.now.value + 30_000);

    await focal.sync();
    const seen = await focal.db.submissions.get(submission.id);
    expect(seen?.data).toMatchObject({ photo: ref });
    expect(await focal.engine.fetchMedia(ref)).toEqual({ kind: 'missing' });

    // The agent's engine retries on its backoff timer and sends the photo.
    await agent.fireTimer();
    expect(agent.engine.getStatus().phase).toBe('idle');

    const got = await focal.engine.fetchMedia(ref);
    expect(got.kind).toBe('ready');
    const blob = got.kind === 'ready' ? got.blob : new Blob();
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    // Kept on the reviewer's device: seen again without the network, and never sent back.
    expect(await getMedia(focal.db, ref.sha256)).toMatchObject({ uploadState: 'uploaded', size: 40_000 });
    focal.faults.media.push({ kind: 'request_lost' });
    expect((await focal.engine.fetchMedia(ref)).kind).toBe('ready');
    expect(focal.faults.media).toHaveLength(1);

    // Another agent of the project may not see the submission, nor its photo.
    expect(await agent2.engine.fetchMedia(ref)).toMatchObject({ kind: 'error' });
    expect(await getMedia(agent2.db, ref.sha256)).toBeUndefined();
  }, 60_000);

  it('a file damaged on the device is reported once and does not hold up the others', async () => {
    const agent = await t.device('agent');
    // The stored bytes no longer hash to the name the answer gives them.
    const damaged = fakePhoto(5000);
    await putMedia(agent.db, damaged.ref, new Blob([fakePhoto(5000).bytes]));
    await agent.finalize({ site: 'Abîmée', photo: damaged.ref }, await photoForm(agent));
    const { ref } = await finalizeWithPhoto(agent, 7000);

    await agent.sync();
    expect(agent.engine.getStatus()).toMatchObject({
      phase: 'error',
      pending: 0,
      lastError: { code: 'hash_mismatch' },
    });
    expect(await getMedia(agent.db, damaged.ref.sha256)).toMatchObject({
      uploadState: 'refused',
      uploadError: 'corrupt',
    });
    expect(await getMedia(agent.db, ref.sha256)).toMatchObject({ uploadState: 'uploaded' });
    expect(await serverMedia(t.server, ref.sha256, agent)).toMatchObject({
      complete: true,
      sha256: ref.sha256,
    });
    expect(await t.server.storage.media.getBlob(damaged.ref.sha256)).toBeUndefined();

    // Kept on the device, but not sent again and again.
    await agent.sync();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', lastError: null });
  }, 60_000);

  it('a file the server holds from someone else is sent whole, resumed after a cut, then shown to reviewers', async () => {
    const agent = await t.device('agent');
    const agent2 = await t.device('agent2');
    const focal = await t.device('focal');
    const size = MEDIA_CHUNK_BYTES + 20_000;
    const { ref, bytes } = await finalizeWithPhoto(agent, size);
    await agent.sync();
    // The same bytes on another agent's device: HEAD says nothing of the agent's upload, so it sends them.
    await putMedia(agent2.db, ref, new Blob([bytes], { type: ref.type }));
    const second = await agent2.finalize({ site: 'Puits sud', photo: ref }, await photoForm(agent2));
    agent2.log.length = 0;
    await agent2.sync({ media: [{ kind: 'pass' }, { kind: 'response_lost' }] });
    expect(agent2.log.find((r) => r.method === 'HEAD')?.serverStatus).toBe(404);
    expect(await getMedia(agent2.db, ref.sha256)).toMatchObject({ uploadState: 'pending' });
    agent2.log.length = 0;
    await agent2.sync();
    expect(agent2.engine.getStatus()).toMatchObject({ phase: 'idle', lastError: null });
    // Resumed from the server's offset: only the rest went.
    expect(patches(agent2).map((r) => r.serverStatus)).toEqual([200]);
    expect(await getMedia(agent2.db, ref.sha256)).toMatchObject({ uploadState: 'uploaded' });
    const upload = await t.server.storage.media.getUpload(ref.sha256, agent2.userId);
    expect(upload?.completedAt).not.toBeNull();
    await focal.sync();
    expect((await focal.db.submissions.get(second.id))?.data).toMatchObject({ photo: ref });
    expect((await focal.engine.fetchMedia(ref)).kind).toBe('ready');
  }, 60_000);

  it('a download cut on the way is not shown as the photo, and works on the next try', async () => {
    const agent = await t.device('agent');
    const focal = await t.device('focal');
    const { ref } = await finalizeWithPhoto(agent, 30_000);
    await agent.sync();
    await focal.sync();
    focal.faults.media.push({ kind: 'response_truncated' });
    expect(await focal.engine.fetchMedia(ref)).toEqual({ kind: 'offline' });
    expect(await getMedia(focal.db, ref.sha256)).toBeUndefined();
    expect((await focal.engine.fetchMedia(ref)).kind).toBe('ready');
  }, 60_000);
});
