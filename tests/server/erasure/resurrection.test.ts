import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, EXPORT_VERSION, ImportResponse } from '../../../src/core/sync/unsyncedExport';
import type { WireMutation } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newDeviceKeys, registerDevice, sealFile } from '../devices/deviceKeys';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { PHOTO_FORM } from '../media/photoForm';
import { change, erasableChain, eraseAs, rawDb, whereMarkerIs, MARKER } from './fixture';

/**
 * What a device that was offline during an erasure sends later, or an export file imported after it: refused
 * for good with a clear reason, never stored, its payload not kept; the submission is never resurrected.
 */
describe.each(backends)('after an erasure on $name', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend);
  });
  afterEach(async () => {
    await server?.close();
  });

  const resent = (clientId: string, seq: number, id: string) =>
    submission(clientId, seq, {
      id,
      fields: {
        formId: PHOTO_FORM.id,
        formVersion: PHOTO_FORM.version,
        data: { site: `Chez ${MARKER}` },
      },
    });
  const erasedRefusal = (id: string) => ({
    status: 'rejected',
    code: 'immutable',
    message: expect.stringContaining(`Submission ${id} was erased from the server`) as unknown,
    details: { reason: 'erased', submissionId: id },
  });

  it('refuses the submission sent again, its correction and its review, made offline', async () => {
    const { s1 } = await erasableChain(server);
    expect((await eraseAs(server, 'admin', s1)).status).toBe(200);

    // The agent's tablet, offline all along, sends the submission again (a new seq: a restored outbox).
    const agentDevice = newClientId();
    const { body } = await server.push('agent', agentDevice, [resent(agentDevice, 1, s1)], 4);
    expect(body.results[0]).toMatchObject(erasedRefusal(s1));

    // The focal point's tablet had corrected it, and reviewed it, offline.
    const focalDevice = newClientId();
    const correction = submission(focalDevice, 1, {
      fields: {
        formId: PHOTO_FORM.id,
        formVersion: PHOTO_FORM.version,
        data: { site: `Corrigé ${MARKER}` },
        replaces: s1,
      },
    });
    const review = change(focalDevice, 2, 'reviews', s1, {
      submissionId: s1,
      projectId: DEMO_PROJECT.id,
      status: 'has_issues',
      comment: MARKER,
    });
    const event = change(focalDevice, 3, 'reviewEvents', randomUUID(), {
      targetTable: 'submissions',
      targetId: s1,
      projectId: DEMO_PROJECT.id,
      status: 'has_issues',
      comment: MARKER,
      at: '2026-11-24T07:50:00.000Z',
    });
    const focal = await server.push('focal', focalDevice, [correction, review, event], 4);
    expect(focal.body.results).toEqual([
      expect.objectContaining(erasedRefusal(s1)),
      expect.objectContaining(erasedRefusal(s1)),
      expect.objectContaining(erasedRefusal(s1)),
    ]);
    // A replay gets the same answer; nothing of what they carried is kept, the tombstone is untouched.
    const replay = await server.push('focal', focalDevice, [correction], 4);
    expect(replay.body.results[0]).toMatchObject(erasedRefusal(s1));
    expect(await whereMarkerIs(server.storage)).toEqual([]);
    expect(await server.storage.getEntity('submissions', s1)).toMatchObject({ deleted: true, data: null });
    expect(await server.storage.getEntity('submissions', correction.id)).toBeUndefined();
    expect(await server.storage.getEntity('reviews', s1)).toBeUndefined();
    const stored = await rawDb(server.storage).selectFrom('rejected_mutations').select('payload').execute();
    expect(stored.map((r) => (JSON.parse(r.payload) as { omitted?: string }).omitted)).toEqual(
      stored.map(() => 'erased'),
    );
  });

  it('refuses it from an export file imported after the erasure, and ignores a file imported before', async () => {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    expect((await registerDevice(server, 'agent', clientId, keys)).status).toBe(201);
    const agent = (await server.storage.userByUsername('agent'))!;
    const fileOf = async (mutations: WireMutation[]) =>
      sealFile(
        {
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          exportedAt: '2026-11-24T09:00:00.000Z',
          userId: agent.id,
          username: 'agent',
          clientId,
          mutations: mutations.map((m) => ({ ...m, state: 'pending' })),
          submissions: [],
          drafts: [],
          media: [],
        },
        keys.privateKey,
      );
    const importFile = async (file: Record<string, unknown>) => {
      const res = await server.request('/api/sync/import', {
        token: await server.login('supervisor'),
        body: JSON.stringify(file),
      });
      expect(res.status).toBe(200);
      return ImportResponse.parse(await res.json());
    };

    const first = submission(clientId, 1, { answers: { respondent_name: MARKER } });
    const before = await fileOf([first]);
    expect(await importFile(before)).toMatchObject({ applied: 1 });
    expect((await eraseAs(server, 'supervisor', first.id)).status).toBe(200);

    // The same file again: its seq was processed, nothing is applied.
    expect(await importFile(before)).toMatchObject({ applied: 0, duplicate: 1 });
    // A later file of the device still holding it (its outbox renumbered): refused, with the reason.
    const later = await importFile(await fileOf([first, { ...first, seq: 2, mutationId: randomUUID() }]));
    expect(later).toMatchObject({ applied: 0, duplicate: 1, rejected: 1 });
    expect(later.results[1]).toMatchObject(erasedRefusal(first.id));
    expect(await server.storage.getEntity('submissions', first.id)).toMatchObject({ deleted: true });
    expect(await whereMarkerIs(server.storage)).toEqual([]);
  });
});
