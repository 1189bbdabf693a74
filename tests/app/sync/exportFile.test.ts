import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraft, saveDraftAnswers } from '../../../src/app/repositories/drafts';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { exportUnsynced } from '../../../src/app/sync/exportFile';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  UnsyncedExport,
  unsyncedExportChecksum,
} from '../../../src/core/sync/unsyncedExport';
import { readUnsyncedExport } from '../../../src/server/sync/readUnsyncedExport';
import { formRecord, USER_ID } from '../fixtures';
import { createHarness, type Harness } from './harness';

const USER = { id: USER_ID, username: 'amadou' };

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

async function gunzipJson(blob: Blob): Promise<Record<string, unknown>> {
  const text = await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
  return JSON.parse(text) as Record<string, unknown>;
}

function mediaRef(sha: string, name: string, size: number) {
  return { sha256: sha.repeat(64), name, type: 'image/jpeg', size };
}

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await h.close();
});

describe('export of what is not synced', () => {
  it('carries pending and rejected changes, their submissions, drafts and unsent files, checksummed', async () => {
    const synced = await h.finalize(1);
    await h.engine.syncNow();
    const refused = await h.finalize(13);
    h.server.rejectWhen = (m) => (m.id === refused.id ? { code: 'forbidden', message: 'Not yours' } : null);
    await h.engine.syncNow();
    const pendingA = await h.finalize(2);
    const pendingB = await h.finalize(3);

    // A draft naming a photo, a photo of the synced submission still to upload, and one already uploaded.
    const photo = mediaRef('a', 'draft.jpg', 3);
    const draft = await createDraft(h.db, formRecord());
    await saveDraftAnswers(h.db, draft.id, { members: 4, photo });
    await h.db.media.bulkPut([
      { ...photo, blob: new Blob([new Uint8Array([1, 2, 3])]), createdAt: '2024-03-01T09:00:00.000Z' },
      {
        ...mediaRef('b', 'due.jpg', 2),
        blob: new Blob([new Uint8Array([9, 8])]),
        createdAt: '2024-03-01T09:00:00.000Z',
        uploadState: 'pending',
      },
      {
        ...mediaRef('c', 'sent.jpg', 1),
        blob: new Blob([new Uint8Array([7])]),
        createdAt: '2024-03-01T09:00:00.000Z',
        uploadState: 'uploaded',
      },
    ]);

    const now = new Date('2024-03-02T10:30:00.000Z');
    const file = await exportUnsynced(h.db, USER, now);
    expect(file.fileName).toBe('terrain-amadou-2024-03-02-10-30.json.gz');
    expect(file.counts).toEqual({ pending: 2, rejected: 1, submissions: 3, drafts: 1, media: 2 });

    const json = await gunzipJson(file.blob);
    const { clientId } = await getSyncMeta(h.db);
    expect(json).toMatchObject({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      userId: USER_ID,
      username: 'amadou',
      clientId,
    });
    expect(json.checksum).toBe(await unsyncedExportChecksum(json));
    const parsed = UnsyncedExport.parse(json);
    expect(parsed.mutations.map((m) => [m.id, m.state, m.rejection?.code, m.clientId])).toEqual([
      [refused.id, 'rejected', 'forbidden', clientId],
      [pendingA.id, 'pending', undefined, clientId],
      [pendingB.id, 'pending', undefined, clientId],
    ]);
    const outbox = await h.db.outbox.orderBy('seq').toArray();
    expect(parsed.mutations.map((m) => [m.seq, m.mutationId, m.hlc])).toEqual(
      outbox.map((e) => [e.seq, e.mutationId, e.hlc]),
    );
    expect(parsed.mutations[1]?.fields).toEqual(outbox[1]?.fields);
    // The synced submission is not in the file; the others are, as the device holds them.
    expect(parsed.submissions.map((s) => s.id).sort()).toEqual([refused.id, pendingA.id, pendingB.id].sort());
    expect(parsed.submissions.find((s) => s.id === refused.id)).toMatchObject({ syncState: 'rejected' });
    expect(parsed.submissions.some((s) => s.id === synced.id)).toBe(false);
    expect(parsed.drafts).toEqual([
      expect.objectContaining({ id: draft.id, answers: { members: 4, photo } }),
    ]);
    // The bytes of what the server lacks, in base64; the uploaded photo is not carried.
    expect(parsed.media).toEqual(
      expect.arrayContaining([
        { ...photo, data: Buffer.from([1, 2, 3]).toString('base64') },
        { ...mediaRef('b', 'due.jpg', 2), data: Buffer.from([9, 8]).toString('base64') },
      ]),
    );
    expect(parsed.media).toHaveLength(2);

    // The server reads exactly what the browser wrote.
    const read = await readUnsyncedExport(await bytesOf(file.blob));
    expect(read.mutations).toHaveLength(3);
  });

  it('writes plain JSON where the browser cannot gzip, and an empty export still checks', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const file = await exportUnsynced(h.db, USER, new Date('2024-03-02T10:30:00.000Z'));
    expect(file.fileName).toBe('terrain-amadou-2024-03-02-10-30.json');
    const json = JSON.parse(await file.blob.text()) as Record<string, unknown>;
    expect(json).toMatchObject({ mutations: [], submissions: [], drafts: [], media: [] });
    expect(json.checksum).toBe(await unsyncedExportChecksum(json));
    expect(await readUnsyncedExport(await bytesOf(file.blob))).toMatchObject({ userId: USER_ID });
  });
});
