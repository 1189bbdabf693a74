import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWholeMedia } from '../../../src/server/media/storeWholeMedia';
import { DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { leaveProjects } from '../../../src/server/users/commands';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from '../media/photoForm';

/**
 * `users leave` takes effect at once, with the session the user already has: every route reads the user's
 * memberships per request, so their next pull, push, download and export no longer reach the project.
 */
describe.each(backends)('leaving a project on $name', (backend) => {
  let server: TestServer;
  let photo: ReturnType<typeof fakePhoto>;
  let agentsSubmission: string;

  beforeAll(async () => {
    server = await setupServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
    // The agent's submission with a photo, which the focal point may see while a member.
    photo = fakePhoto(2000);
    const agent = (await server.storage.userByUsername('agent'))!;
    await storeWholeMedia(server.storage, agent, { ...photo.ref, bytes: photo.bytes }, server.clock.now);
    const clientId = newClientId();
    const m = submission(clientId, 1, {
      fields: {
        formId: PHOTO_FORM.id,
        formVersion: PHOTO_FORM.version,
        data: { site: 'Puits', photo: photo.ref },
      },
    });
    expect((await server.push('agent', clientId, [m])).body.results[0]?.status).toBe('applied');
    agentsSubmission = m.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function reach(username: string) {
    const token = await server.login(username);
    const pulled = await server.pullAll(username);
    const clientId = newClientId();
    const pushed = await server.push(username, clientId, [submission(clientId, 1)]);
    const download = await server.request(`/api/media/${photo.ref.sha256}`, { token });
    const exported = await server.request(`/api/export/csv?project=${DEMO_PROJECT.id}&form=${DEMO_FORM.id}`, {
      token,
    });
    const forms = await server.request(`/api/projects/${DEMO_PROJECT.id}/forms`, {
      token,
      method: 'POST',
      body: new FormData(),
    });
    return {
      sees: {
        project: pulled.some((c) => c.table === 'projects' && c.id === DEMO_PROJECT.id),
        submission: pulled.some((c) => c.id === agentsSubmission),
      },
      push: pushed.body.results[0]?.status ?? pushed.status,
      download: download.status,
      export: exported.status,
      formUpload: forms.status,
    };
  }

  it('stops the pulls, pushes, downloads and exports of the project at once, in the same session', async () => {
    const before = await reach('supervisor');
    expect(before).toMatchObject({
      sees: { project: true, submission: true },
      push: 'applied',
      download: 200,
      export: 200,
    });
    // A member's (empty) form upload gets as far as its missing file.
    expect(before.formUpload).toBe(400);

    await leaveProjects(server.storage, 'supervisor', [DEMO_PROJECT.id], server.clock.now);

    const after = await reach('supervisor');
    expect(after).toEqual({
      sees: { project: false, submission: false },
      push: 'rejected',
      download: 403,
      export: 403,
      formUpload: 403,
    });
  });
});
