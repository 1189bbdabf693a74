import { describe, expect, it } from 'vitest';
import type { FormRecord } from '../../../src/app/db/schema';
import { startCorrection } from '../../../src/app/repositories/corrections';
import { finalizeDraft } from '../../../src/app/repositories/drafts';
import { getMedia, putMedia } from '../../../src/app/repositories/media';
import { saveReview } from '../../../src/app/repositories/reviews';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from '../../server/media/photoForm';
import type { Device } from './realServer';
import { useRealServer } from './useRealServer';

/**
 * An erasure reaches every device at its next sync (real server, devices on fake-indexeddb): the reviewer's
 * tablet, which had downloaded the photo, reviewed it and started a correction, and the agent's, which had
 * corrected it offline in the meantime and sends that correction after the erasure. Both lose the
 * submission, its files and everything about it; nothing comes back to the server.
 */

async function photoForm(device: Device): Promise<FormRecord> {
  const form = await device.db.forms.get(formVersionKey(DEMO_PROJECT.id, PHOTO_FORM.id, PHOTO_FORM.version));
  if (!form) throw new Error('The photo form was not pulled');
  return form;
}

async function everything(device: Device) {
  const { db } = device;
  return {
    submissions: await db.submissions.count(),
    drafts: await db.drafts.count(),
    outbox: await db.outbox.count(),
    reviews: await db.reviews.count(),
    reviewEvents: await db.reviewEvents.count(),
    media: await db.media.count(),
  };
}

describe.each(backends)('an erasure reaching the devices ($name)', (backend) => {
  const t = useRealServer(backend, {
    setup: (server) => publishPhotoForm(server.storage, server.clock.now),
  });

  it('removes the submission and its photo from every device, also one that corrected it offline', async () => {
    const agent = await t.device('agent');
    const focal = await t.device('focal');
    const photo = fakePhoto(30_000);
    await putMedia(agent.db, photo.ref, new Blob([photo.bytes], { type: photo.ref.type }));
    const submission = await agent.finalize({ site: 'Chez Awa', photo: photo.ref }, await photoForm(agent));
    await agent.sync();
    expect(await t.server.storage.media.getBlob(photo.ref.sha256)).toBeDefined();

    // The reviewer opens it: downloads the photo, reviews it, starts a correction (a draft).
    await focal.sync();
    expect((await focal.engine.fetchMedia(photo.ref)).kind).toBe('ready');
    await saveReview(focal.db, submission, { status: 'has_issues', comment: 'Vérifier le nom' });
    await focal.sync();
    await startCorrection(focal.db, submission.id);
    // The agent, offline, corrects it too: a new version waiting in the outbox.
    const fix = await startCorrection(agent.db, submission.id);
    await finalizeDraft(agent.db, fix.id, { userId: agent.userId, lang: 'fr' });

    const token = await t.server.login('supervisor');
    const erased = await t.server.request(`/api/submissions/${submission.id}/erase`, {
      token,
      json: { reason: 'DSR-2026-14' },
    });
    expect(erased.status).toBe(200);

    await focal.sync();
    expect(focal.engine.getStatus()).toMatchObject({ phase: 'idle', lastError: null });
    expect(await everything(focal)).toEqual({
      submissions: 0,
      drafts: 0,
      outbox: 0,
      reviews: 0,
      reviewEvents: 0,
      media: 0,
    });

    // The agent's correction goes first (push, then pull): refused as being about an erased submission,
    // then the pull removes it with the rest.
    agent.log.length = 0;
    await agent.sync();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
    expect(await everything(agent)).toEqual({
      submissions: 0,
      drafts: 0,
      outbox: 0,
      reviews: 0,
      reviewEvents: 0,
      media: 0,
    });
    expect(await getMedia(agent.db, photo.ref.sha256)).toBeUndefined();
    // Nothing was resurrected, nor uploaded again.
    expect(await t.server.storage.getEntity('submissions', submission.id)).toMatchObject({ deleted: true });
    expect(await t.server.storage.media.getBlob(photo.ref.sha256)).toBeUndefined();
    expect(agent.log.filter((r) => r.path.startsWith('/api/media/'))).toEqual([]);
  }, 60_000);

  it('a change about it still waiting to be sent goes, and the seqs after it still reach the server', async () => {
    const agent = await t.device('agent');
    const focal = await t.device('focal');
    const submission = await agent.finalize({ site: 'Chez Awa' }, await photoForm(agent));
    await agent.sync();
    await focal.sync();
    const token = await t.server.login('supervisor');
    const erased = await t.server.request(`/api/submissions/${submission.id}/erase`, {
      token,
      json: { reason: 'DSR-2026-15' },
    });
    expect(erased.status).toBe(200);

    // Offline, the reviewer reviews it, then fills another survey: two changes wait, in that order.
    await saveReview(focal.db, submission, { status: 'verified' });
    const later = await focal.finalize();
    // A pull alone (no push first) brings the erasure: the review's change goes, leaving a hole.
    expect(await focal.pull()).toBeNull();
    expect(await focal.db.outbox.toArray()).toEqual([
      expect.objectContaining({ table: 'submissions', id: later.id, state: 'pending' }),
    ]);
    // The server asks for the missing seq; the device renumbers what is left and sends it.
    await focal.sync();
    expect(focal.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, lastError: null });
    expect(await t.server.storage.getEntity('submissions', later.id)).toMatchObject({ deleted: false });
    expect(await t.server.storage.getEntity('reviews', submission.id)).toBeUndefined();
  }, 60_000);
});
