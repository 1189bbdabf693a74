import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import type { ProjectDocumentInput } from '../../../src/core/records/project';
import { CHUNK_CONTENT_TYPE, MediaUploadResponse } from '../../../src/core/sync/media';
import type { Mutation } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, submission, setupServer, type TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm } from './photoForm';

const CHUNK = 16 * 1024;
const START = Date.parse('2026-11-24T08:00:00.000Z');
let tick = 0;

function projectEdit(
  clientId: string,
  seq: number,
  fields: Record<string, unknown>,
  op: Mutation['op'] = 'put',
): Mutation {
  return {
    mutationId: randomUUID(),
    clientId,
    seq,
    hlc: encodeHlc({ wall: START + ++tick * 1000, counter: 0, node: clientId }),
    table: 'projects',
    id: DEMO_PROJECT.id,
    op,
    fields,
  };
}

/**
 * Project documents (media/projectDocuments.ts): a file named in a project's documents opens to the
 * project's readers, and when public to everyone, only once one who added it there uploaded its bytes.
 * Knowing a hash (a submission's photo, seen by a supervisor) must give nothing, and publish nothing.
 */
describe.each(backends)('project documents on $name', (backend) => {
  let server: TestServer;
  const seqs = new Map<string, { clientId: string; seq: number }>();
  beforeEach(async () => {
    server = await setupServer(backend);
    await publishPhotoForm(server.storage, server.clock.now);
    seqs.clear();
  });
  afterEach(async () => {
    await server?.close();
  });

  async function edit(username: string, fields: Record<string, unknown>, op: Mutation['op'] = 'put') {
    const device = seqs.get(username) ?? { clientId: newClientId(), seq: 0 };
    device.seq += 1;
    seqs.set(username, device);
    // The server's clock moves with the devices' (it clamps clocks running ahead of it).
    server.clock.now = new Date(START + (tick + 1) * 1000);
    const { body } = await server.push(username, device.clientId, [
      projectEdit(device.clientId, device.seq, fields, op),
    ]);
    return body.results[0]!;
  }

  async function upload(username: string, bytes: Uint8Array, sha256: string, type = 'application/pdf') {
    let offset = 0;
    for (;;) {
      const res = await server.request(`/api/media/${sha256}`, {
        method: 'PATCH',
        token: await server.login(username),
        body: bytes.slice(offset, offset + CHUNK),
        headers: {
          'content-type': CHUNK_CONTENT_TYPE,
          'upload-offset': String(offset),
          'upload-length': String(bytes.byteLength),
          'upload-media-type': type,
        },
      });
      expect(res.status).toBe(200);
      const answer = MediaUploadResponse.parse(await res.json());
      if (answer.complete) return;
      offset = answer.offset;
    }
  }

  async function statuses(usernames: string[], sha256: string) {
    const out: Record<string, number> = {};
    for (const username of usernames) {
      const res = await server.request(`/api/media/${sha256}`, { token: await server.login(username) });
      out[username] = res.status;
      await res.body?.cancel();
    }
    return out;
  }

  const publicGet = (sha256: string, project = DEMO_PROJECT.id) =>
    server.request(`/public/projects/${project}/documents/${sha256}`);

  function doc(sha256: string, extra: Partial<ProjectDocumentInput> = {}): ProjectDocumentInput {
    return { sha256, title: 'Plan de travail', name: 'plan.pdf', type: 'application/pdf', ...extra };
  }

  it("opens a document to the project's readers once its adder sent it; not to others", async () => {
    const { bytes, ref } = fakePhoto(2 * CHUNK + 5, 'plan.pdf');
    expect((await edit('supervisor', { documents: [doc(ref.sha256)] })).status).toBe('applied');
    // Not sent yet: "not received yet" for the project's readers, forbidden to everyone else.
    expect(await statuses(['agent', 'focal', 'admin', 'outsider'], ref.sha256)).toEqual({
      agent: 404,
      focal: 404,
      admin: 404,
      outsider: 403,
    });
    await upload('supervisor', bytes, ref.sha256);
    expect(await statuses(['agent', 'focal', 'admin', 'supervisor', 'outsider'], ref.sha256)).toEqual({
      agent: 200,
      focal: 200,
      admin: 200,
      supervisor: 200,
      outsider: 403,
    });
    // Taken out of the project's documents: the project no longer opens it.
    expect((await edit('supervisor', { documents: [] })).status).toBe('applied');
    expect(await statuses(['agent', 'focal', 'supervisor'], ref.sha256)).toEqual({
      agent: 403,
      focal: 403,
      supervisor: 200,
    });
  });

  /** A submission with a photo pushed by `username`, and the photo's bytes sent by them. */
  async function photoSent(username: string, site: string, size: number) {
    const { bytes, ref } = fakePhoto(size);
    const clientId = newClientId();
    const m = submission(clientId, 1, {
      fields: {
        formId: PHOTO_FORM.id,
        formVersion: PHOTO_FORM.version,
        projectId: DEMO_PROJECT.id,
        data: { site, photo: ref },
        replaces: null,
      },
    });
    expect((await server.push(username, clientId, [m])).body.results[0]?.status).toBe('applied');
    await upload(username, bytes, ref.sha256, 'image/jpeg');
    return ref;
  }

  it("gains nothing from naming someone else's photo: neither download nor publication", async () => {
    // An agent's photo of a person, in a submission the supervisor may see.
    const ref = await photoSent('agent', 'Puits nord', CHUNK + 3);
    expect(await statuses(['agent2'], ref.sha256)).toEqual({ agent2: 403 });

    // The supervisor names its hash among the project's documents; an admin, misled, publishes it.
    expect((await edit('supervisor', { documents: [doc(ref.sha256, { name: 'rapport.pdf' })] })).status).toBe(
      'applied',
    );
    expect(
      (await edit('admin', { public: true, documents: [doc(ref.sha256, { public: true })] })).status,
    ).toBe('applied');
    // Agent2 may pull the project, not the submission: the document is never more than "not received".
    expect(await statuses(['agent2'], ref.sha256)).toEqual({ agent2: 404 });
    const res = await publicGet(ref.sha256);
    expect(res.status).toBe(404);
    // Nor is it listed on the public site.
    const project = (await (await server.request(`/public/api/projects/${DEMO_PROJECT.id}`)).json()) as {
      documents: unknown[];
    };
    expect(project.documents).toEqual([]);
  });

  it('counts as adder only whoever newly names the file, not who later edits the list', async () => {
    // The supervisor's own photo of a person, in a submission agents may not see.
    const ref = await photoSent('supervisor', 'Puits sud', CHUNK + 9);
    // The admin, who never sent it, names it; the supervisor then retitles the list's documents.
    expect((await edit('admin', { documents: [doc(ref.sha256)] })).status).toBe('applied');
    expect(
      (await edit('supervisor', { documents: [doc(ref.sha256, { title: 'Autre titre' })] })).status,
    ).toBe('applied');
    // Editing the list did not make the supervisor its adder: agents still cannot open the photo.
    expect(await statuses(['agent', 'agent2'], ref.sha256)).toEqual({ agent: 404, agent2: 404 });
  });

  it('lets only admins make a document public; a supervisor carries the flag unchanged', async () => {
    const { bytes, ref } = fakePhoto(100, 'plan.pdf');
    const refused = await edit('supervisor', { documents: [doc(ref.sha256, { public: true })] });
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await edit('supervisor', { documents: [doc(ref.sha256)] })).status).toBe('applied');
    await upload('supervisor', bytes, ref.sha256);
    expect((await edit('admin', { documents: [doc(ref.sha256, { public: true })] })).status).toBe('applied');
    const kept = await edit('supervisor', {
      documents: [doc(ref.sha256, { public: true, title: 'Plan de travail 2027' })],
    });
    expect(kept.status).toBe('applied');
    // Making it private again needs no admin.
    expect((await edit('supervisor', { documents: [doc(ref.sha256)] })).status).toBe('applied');
  });

  it('serves a public document of a public project, with safe headers; 404 in every other case', async () => {
    const pdf = fakePhoto(CHUNK + 1, 'plan.pdf');
    const html = fakePhoto(200, 'page.html');
    const secret = fakePhoto(300, 'budget.pdf');
    expect(
      (
        await edit('supervisor', {
          documents: [
            doc(pdf.ref.sha256),
            doc(html.ref.sha256, { title: 'Page', name: 'page <x>".html', type: 'text/html' }),
            doc(secret.ref.sha256, { title: 'Budget' }),
          ],
        })
      ).status,
    ).toBe('applied');
    await upload('supervisor', pdf.bytes, pdf.ref.sha256);
    await upload('supervisor', html.bytes, html.ref.sha256, 'text/html');
    await upload('supervisor', secret.bytes, secret.ref.sha256);
    const documents = [
      doc(pdf.ref.sha256, { public: true, category: 'A07', language: 'fr', date: '2026-10-01' }),
      doc(html.ref.sha256, { title: 'Page', name: 'page <x>".html', type: 'text/html', public: true }),
      doc(secret.ref.sha256, { title: 'Budget' }),
    ];
    expect((await edit('admin', { documents })).status).toBe('applied');
    // A public document of a private project.
    expect((await publicGet(pdf.ref.sha256)).status).toBe(404);

    expect((await edit('admin', { public: true })).status).toBe('applied');
    const served = await publicGet(pdf.ref.sha256);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(pdf.bytes);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="plan.pdf"/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Checked again, then 304.
    const again = await server.request(`/public/projects/${DEMO_PROJECT.id}/documents/${pdf.ref.sha256}`, {
      headers: { 'if-none-match': served.headers.get('etag')! },
    });
    expect(again.status).toBe(304);

    // An uploaded page never runs on the site: downloaded, sandboxed, its name made safe.
    const page = await publicGet(html.ref.sha256);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-disposition')).toMatch(
      /^attachment; filename="page _x_.html"; filename\*=UTF-8''/,
    );
    expect(page.headers.get('content-security-policy')).toContain('sandbox');
    await page.body?.cancel();

    const listed = (await (await server.request(`/public/api/projects/${DEMO_PROJECT.id}`)).json()) as {
      documents: { sha256: string; category: string }[];
    };
    expect(listed.documents.map((d) => [d.sha256, d.category])).toEqual([
      [pdf.ref.sha256, 'A07'],
      [html.ref.sha256, 'A02'],
    ]);

    // A private document of the public project, an unknown hash, another project, a bad hash.
    expect((await publicGet(secret.ref.sha256)).status).toBe(404);
    expect((await publicGet('0'.repeat(64))).status).toBe(404);
    expect((await publicGet(pdf.ref.sha256, 'autre-projet-tombouctou')).status).toBe(404);
    expect((await publicGet('NOT-A-HASH')).status).toBe(404);
    // A deleted project.
    expect((await edit('admin', {}, 'delete')).status).toBe('applied');
    const gone = await publicGet(pdf.ref.sha256);
    expect(gone.status).toBe(404);
    // The same answer whatever the reason.
    expect(await gone.json()).toEqual(await (await publicGet('0'.repeat(64))).json());
  });
});
