import { describe, expect, it } from 'vitest';
import type { FormRecord } from '../../../src/app/db/schema';
import { getMedia, putMedia } from '../../../src/app/repositories/media';
import { listRejected } from '../../../src/app/repositories/outbox';
import { resendRejected } from '../../../src/app/repositories/rejected';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { cleanup } from '../../../src/server/limits/cleanup';
import { DEFAULT_LIMITS } from '../../../src/server/limits/config';
import { backends } from '../../server/backends';
import { publishDefinition } from '../../server/harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from '../../server/media/photoForm';
import { useRealServer } from './useRealServer';

/**
 * The server deletes files no submission names after UPLOAD_TTL_HOURS (issue 11, hole 7). A photo whose
 * submission was refused is such a file: when the user resends the submission days later, the device checks
 * the photo with the server again and sends it anew, rather than trust that it was uploaded once.
 */
const DAY = 24 * 3_600_000;

describe.each(backends)('a photo swept while its submission needed attention ($name)', (backend) => {
  const t = useRealServer(backend, {
    setup: (server) => publishPhotoForm(server.storage, server.clock.now),
  });

  it('is sent again when the user resends the submission', async () => {
    const agent = await t.device('agent');
    // A version of the photo form the server does not have yet: the submission is refused unknown_form.
    const version = { ...PHOTO_FORM, version: '2026-12-01' };
    const form: FormRecord = {
      key: formVersionKey(DEMO_PROJECT.id, version.id, version.version),
      formId: version.id,
      version: version.version,
      projectId: (await agent.db.forms.get(
        formVersionKey(DEMO_PROJECT.id, PHOTO_FORM.id, PHOTO_FORM.version),
      ))!.projectId,
      publishedAt: '2026-12-01T00:00:00.000Z',
      definition: version,
    };
    await agent.db.forms.put(form);
    const photo = fakePhoto(5000);
    await putMedia(agent.db, photo.ref, new Blob([photo.bytes], { type: photo.ref.type }));
    await agent.finalize({ site: 'Puits', photo: photo.ref }, form);
    await agent.sync();
    const [refused] = await listRejected(agent.db);
    expect(refused?.rejection?.code).toBe('unknown_form');
    expect((await getMedia(agent.db, photo.ref.sha256))?.uploadState).toBe('uploaded');

    // Eight days later the server sweeps the photo no submission names; then the version is published.
    t.server.clock.now = new Date(t.server.clock.now.getTime() + 8 * DAY);
    expect(await cleanup(t.server.storage, t.server.clock.now, DEFAULT_LIMITS.uploadTtlMs)).toMatchObject({
      blobs: 1,
    });
    await publishDefinition(t.server.storage, version, t.server.clock.now);

    await resendRejected(agent.db, refused!.seq);
    await agent.sync();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
    expect(await t.server.storage.media.getBlob(photo.ref.sha256)).toMatchObject({ size: 5000 });
    expect((await getMedia(agent.db, photo.ref.sha256))?.uploadState).toBe('uploaded');
  }, 60_000);
});
