import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import {
  addProjectDocument,
  documentsOf,
  documentsWaiting,
  DocumentInvalidError,
  removeProjectDocument,
  setDocumentPublic,
  type DocumentDetails,
} from '../../../src/app/repositories/projectDocuments';
import { listMediaToUpload } from '../../../src/app/repositories/mediaUploads';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import { encodeHlc } from '../../../src/core/hlc';
import { Project } from '../../../src/core/records/project';
import { openTestDb } from '../fixtures';

/**
 * Project documents on the device: the bytes and the project's write go together, in one transaction with
 * the outbox, and the bytes wait for the sync's upload; only admins make one public.
 */
const serverHlc = encodeHlc({ wall: Date.parse('2026-11-01T08:00:00.000Z'), counter: 0, node: 'server' });
const SHA = 'a'.repeat(64);
const details: DocumentDetails = {
  title: 'Plan de travail',
  category: 'A02',
  language: 'fr',
  date: '2026-11-30',
  public: false,
};
const file = { blob: new Blob(['%PDF-1.4 plan']), name: 'plan.pdf', type: 'application/pdf', sha256: SHA };

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
  const data = Project.parse({
    id: 'p-gao',
    code: 'GAO',
    title: { fr: 'Gao' },
    organisationId: null,
    // Stored before documents had their later fields.
    documents: [{ sha256: 'b'.repeat(64), title: 'Ancien', name: 'a.pdf', type: 'application/pdf' }],
  });
  const clocks = Object.fromEntries(Object.keys(data).map((k) => [k, serverHlc]));
  await applyPullPage(db, {
    changes: [{ table: 'projects', id: 'p-gao', serverSeq: 1, op: 'put', data, clocks }],
    cursor: 1,
    hasMore: false,
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('project documents on the device', () => {
  it('stores the file for upload and names it in the project, with its mutation', async () => {
    await addProjectDocument(db, 'p-gao', file, details, 'supervisor');
    const project = (await db.projects.get('p-gao'))!;
    expect(documentsOf(project).map((d) => [d.title, d.category, d.public])).toEqual([
      ['Ancien', 'A02', false],
      ['Plan de travail', 'A02', false],
    ]);
    expect((await listMediaToUpload(db)).map((m) => m.sha256)).toEqual([SHA]);
    expect(await documentsWaiting(db, [SHA, 'b'.repeat(64)])).toEqual(new Set([SHA]));
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect((outbox[0]!.fields as { documents: unknown[] }).documents).toHaveLength(2);

    await removeProjectDocument(db, 'p-gao', SHA, 'supervisor');
    expect(documentsOf((await db.projects.get('p-gao'))!).map((d) => d.title)).toEqual(['Ancien']);
  });

  it('sends again a file the device only downloaded: the server needs this user’s upload', async () => {
    await db.media.add({
      sha256: SHA,
      blob: file.blob,
      name: 'plan.pdf',
      type: 'application/pdf',
      size: file.blob.size,
      createdAt: '2026-11-01T00:00:00.000Z',
      uploadState: 'uploaded',
    });
    await addProjectDocument(db, 'p-gao', file, details, 'supervisor');
    expect((await db.media.get(SHA))?.uploadState).toBe('pending');
  });

  it('refuses what the server would: agents, an empty title, a public flag from a supervisor', async () => {
    const refused = async (run: () => Promise<void>) => {
      const error: unknown = await run().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentInvalidError);
      return (error as DocumentInvalidError).problem;
    };
    expect(await refused(() => addProjectDocument(db, 'p-gao', file, details, 'agent'))).toBe('role');
    expect(
      await refused(() => addProjectDocument(db, 'p-gao', file, { ...details, title: ' ' }, 'admin')),
    ).toBe('title');
    expect(
      await refused(() => addProjectDocument(db, 'p-gao', file, { ...details, public: true }, 'supervisor')),
    ).toBe('public');
    expect(await refused(() => setDocumentPublic(db, 'p-gao', 'b'.repeat(64), true, 'supervisor'))).toBe(
      'public',
    );
    // Nothing was written by a refusal.
    expect(await db.outbox.count()).toBe(0);
    expect(await db.media.count()).toBe(0);

    await setDocumentPublic(db, 'p-gao', 'b'.repeat(64), true, 'admin');
    expect(documentsOf((await db.projects.get('p-gao'))!)[0]?.public).toBe(true);
  });
});
