import { describe, expect, it } from 'vitest';
import { putMedia, getMedia } from '../../../src/app/repositories/media';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { MEDIA_CHUNK_BYTES } from '../../../src/core/sync/media';
import { DEFAULT_LIMITS } from '../../../src/server/limits/config';
import { backends } from '../../server/backends';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from '../../server/media/photoForm';
import { serverView, type Device } from './realServer';
import { useRealServer } from './useRealServer';

/**
 * The real server's rate limits (429 rate_limited with Retry-After, issue 11 hole 7) met by a real device:
 * the engine waits as long as the server asks, keeps everything, and finishes once the window has passed.
 */
const WINDOW_MS = 60_000;

describe.each(backends)('a device meeting the server’s rate limits ($name)', (backend) => {
  const t = useRealServer(backend, {
    limits: { ...DEFAULT_LIMITS, rate: { windowMs: WINDOW_MS, push: 1, media: 2, export: 1, public: 0 } },
    setup: (server) => publishPhotoForm(server.storage, server.clock.now),
    engine: { maxBatchMutations: 1 },
  });

  /** The server's clock moves on to its next window; the device's by as much. */
  function nextWindow(device: Device) {
    t.server.clock.now = new Date(t.server.clock.now.getTime() + WINDOW_MS);
    device.now.value += WINDOW_MS;
  }

  it('a push refused past the limit waits for Retry-After, then the rest of the outbox goes', async () => {
    const agent = await t.device('agent');
    const first = await agent.finalize();
    const second = await agent.finalize();
    agent.engine.start();
    await agent.engine.syncNow();
    expect(agent.engine.getStatus()).toMatchObject({
      phase: 'error',
      pending: 1,
      lastError: { code: 'rate_limited' },
    });
    expect(agent.log.filter((r) => r.path === '/api/sync/push').map((r) => r.serverStatus)).toEqual([
      200, 429,
    ]);
    // The server's window began when its clock did: the whole minute is left.
    expect(agent.timers.filter((x) => !x.cleared).at(-1)?.ms).toBe(WINDOW_MS);

    nextWindow(agent);
    await agent.fireTimer();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
    const { submissions } = await serverView(t.server.storage);
    expect([submissions.has(first.id), submissions.has(second.id)]).toEqual([true, true]);
  }, 60_000);

  it('a photo upload refused past the limit resumes where it stopped after Retry-After', async () => {
    const agent = await t.device('agent');
    const form = await agent.db.forms.get(formVersionKey(DEMO_PROJECT.id, PHOTO_FORM.id, PHOTO_FORM.version));
    const photo = fakePhoto(2 * MEDIA_CHUNK_BYTES + 1000);
    await putMedia(agent.db, photo.ref, new Blob([photo.bytes], { type: photo.ref.type }));
    await agent.finalize({ site: 'Puits', photo: photo.ref }, form);
    nextWindow(agent);

    agent.engine.start();
    await agent.engine.syncNow();
    // HEAD is not counted; two chunks are, the third is refused.
    const media = agent.log.filter((r) => r.path.startsWith('/api/media/'));
    expect(media.map((r) => `${r.method} ${r.serverStatus}`)).toEqual([
      'HEAD 404',
      'PATCH 200',
      'PATCH 200',
      'PATCH 429',
    ]);
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'error', lastError: { code: 'rate_limited' } });
    expect(agent.timers.filter((x) => !x.cleared).at(-1)?.ms).toBe(WINDOW_MS);
    expect((await getMedia(agent.db, photo.ref.sha256))?.uploadState).toBe('pending');

    nextWindow(agent);
    agent.log.length = 0;
    await agent.fireTimer();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', lastError: null });
    expect(agent.log.filter((r) => r.method === 'PATCH').map((r) => r.serverStatus)).toEqual([200]);
    expect((await getMedia(agent.db, photo.ref.sha256))?.uploadState).toBe('uploaded');
    expect(await t.server.storage.media.getBlob(photo.ref.sha256)).toMatchObject({ size: photo.ref.size });
  }, 60_000);
});
