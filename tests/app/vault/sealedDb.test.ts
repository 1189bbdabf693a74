import { Dexie, liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { createDraft, finalizeDraft, saveDraftAnswers } from '../../../src/app/repositories/drafts';
import { putMedia } from '../../../src/app/repositories/media';
import { listSubmissions } from '../../../src/app/repositories/submissions';
import { saveReview } from '../../../src/app/repositories/reviews';
import { openSealedDb } from '../../../src/app/vault/openSealedDb';
import { SEALED_FIELD } from '../../../src/app/vault/seal';
import { oldTerrainDb } from '../db/oldTerrainDb';
import { formRecord, project, USER_ID } from '../fixtures';
import { rawRows, rawText } from './rawRows';

const MARKER = 'Aïssata-MARQUEUR-7f3c';
const newKey = () =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

const opened: TerrainDb[] = [];
async function sealedDb(key?: CryptoKey, name = `sealed-${crypto.randomUUID()}`) {
  const db = await openSealedDb(USER_ID, key ?? (await newKey()), name);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function fill(db: TerrainDb) {
  await db.forms.put(formRecord());
  await db.projects.put(project);
  const photo = new Blob([`JPEG bytes of ${MARKER}`], { type: 'image/jpeg' });
  const ref = { sha256: 'a'.repeat(64), name: `${MARKER}.jpg`, type: 'image/jpeg', size: photo.size };
  await putMedia(db, ref, photo);
  const draft = await createDraft(db, formRecord());
  await saveDraftAnswers(db, draft.id, { members: 3, notes: `draft of ${MARKER}` });
  const other = await createDraft(db, formRecord());
  const submission = await finalizeDraft(db, other.id, {
    userId: USER_ID,
    lang: 'fr',
    answers: { members: 2, notes: `chez ${MARKER}`, photo: ref },
  });
  await saveReview(db, submission, { comment: `vu ${MARKER}` });
  return { draft, submission, photo };
}

describe('a sealed database', () => {
  it('stores no personal value in clear, and gives every record back whole', async () => {
    const db = await sealedDb();
    const { draft, submission, photo } = await fill(db);

    const text = await rawText(db.name);
    expect(text).not.toContain(MARKER);
    const raw = await rawRows(db.name);
    for (const table of ['drafts', 'submissions', 'outbox', 'media', 'reviews'])
      for (const row of raw[table]!) expect(row[SEALED_FIELD], table).toBeInstanceOf(Uint8Array);
    // Ids, dates, statuses and project/form ids stay in clear for the indexes.
    expect(raw.submissions![0]).toMatchObject({
      id: submission.id,
      projectId: 'p-gao',
      syncState: 'pending',
    });
    expect(raw.submissions![0]).not.toHaveProperty('data');

    expect((await db.drafts.get(draft.id))?.answers).toEqual({ members: 3, notes: `draft of ${MARKER}` });
    expect((await db.submissions.get(submission.id))?.data).toMatchObject({ notes: `chez ${MARKER}` });
    expect((await db.outbox.toArray())[0]?.fields).toMatchObject({ data: { notes: `chez ${MARKER}` } });
    const media = await db.media.get('a'.repeat(64));
    expect(media?.name).toBe(`${MARKER}.jpg`);
    expect(await media?.blob.text()).toBe(await photo.text());
    expect(media?.blob.type).toBe('image/jpeg');
    expect((await db.reviews.get(submission.id))?.comment).toBe(`vu ${MARKER}`);
  });

  it('opens rows for collections filtered in JavaScript (cursors) and for liveQuery', async () => {
    const db = await sealedDb();
    const { submission } = await fill(db);
    // listSubmissions filters on a cursor; the filter and the page see whole records.
    expect((await listSubmissions(db))[0]?.data).toMatchObject({ notes: `chez ${MARKER}` });
    const notes = await db.submissions.filter((s) => String(s.data.notes).includes(MARKER)).toArray();
    expect(notes.map((s) => s.id)).toEqual([submission.id]);
    const seen = await new Promise<unknown>((resolve, reject) => {
      const subscription = liveQuery(() => db.submissions.toArray()).subscribe({
        next: (rows) => {
          subscription.unsubscribe();
          resolve(rows[0]?.data);
        },
        error: reject,
      });
    });
    expect(seen).toMatchObject({ notes: `chez ${MARKER}` });
  });

  it('keeps a record and its outbox entry in one transaction: a failure after both leaves neither', async () => {
    const db = await sealedDb();
    await db.forms.put(formRecord());
    const draft = await createDraft(db, formRecord());
    await db.outbox.add({
      seq: 1,
      mutationId: 'taken',
      table: 'submissions',
      id: 'someone',
      op: 'put',
      fields: {},
      hlc: '0',
      createdAt: '2024-01-01T00:00:00.000Z',
      state: 'pending',
    });
    // The meta row says seq 1 is next, but seq 1 is taken: the outbox add fails after the submission's.
    await expect(
      finalizeDraft(db, draft.id, { userId: USER_ID, lang: 'fr', answers: { members: 2 } }),
    ).rejects.toThrow();
    expect(await db.submissions.count()).toBe(0);
    expect(await db.drafts.get(draft.id)).toBeDefined();
  });

  it('detects a flipped byte, a changed clear field, and a row moved to another id', async () => {
    const db = await sealedDb();
    const { submission, draft } = await fill(db);
    const raw = new Dexie(db.name);
    await raw.open();
    const row = (await raw.table('submissions').get(submission.id)) as Record<string, unknown>;
    const sealed = row[SEALED_FIELD] as Uint8Array;
    const flipped = new Uint8Array(sealed);
    flipped[flipped.length - 5]! ^= 1;
    await raw.table('submissions').put({ ...row, [SEALED_FIELD]: flipped });
    await expect(db.submissions.get(submission.id)).rejects.toThrow(/cannot|does not open/);

    await raw.table('submissions').put({ ...row, syncState: 'synced' });
    await expect(db.submissions.get(submission.id)).rejects.toThrow(/does not open/);

    const draftRow = (await raw.table('drafts').get(draft.id)) as Record<string, unknown>;
    await raw.table('drafts').put({ ...draftRow, id: 'elsewhere' });
    await expect(db.drafts.get('elsewhere')).rejects.toThrow(/does not open/);

    await raw.table('drafts').put({ id: 'planted', formId: 'household', answers: { members: 1 } });
    await expect(db.drafts.get('planted')).rejects.toThrow(/in clear/);
    raw.close();
  });

  it('does not open under another key', async () => {
    const name = `sealed-${crypto.randomUUID()}`;
    const first = await sealedDb(undefined, name);
    const { submission } = await fill(first);
    first.close();
    const other = await sealedDb(await newKey(), name);
    await expect(other.submissions.get(submission.id)).rejects.toThrow(/does not open/);
    expect(await other.meta.get('sync')).toBeDefined();
  });
});

describe('database version 9', () => {
  it('seals the rows an older app kept in clear, in its upgrade', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v8 = oldTerrainDb(name, 8);
    await v8.table('drafts').add({
      id: 'draft-old',
      formId: 'household',
      formVersion: '2024-01',
      projectId: 'p-gao',
      answers: { notes: MARKER },
      startedAt: '2024-02-01T08:00:00.000Z',
      updatedAt: '2024-02-01T08:05:00.000Z',
    });
    await v8.table('media').add({
      sha256: 'b'.repeat(64),
      blob: new Blob([MARKER]),
      name: 'x.txt',
      type: 'text/plain',
      size: MARKER.length,
      createdAt: '2024-02-01T08:00:00.000Z',
    });
    await v8.table('meta').add({ key: 'sync', clientId: 'client-old-1', nextSeq: 1, cursor: 0 });
    v8.close();
    expect(await rawText(name)).toContain(MARKER);

    const db = await sealedDb(undefined, name);
    expect((await db.drafts.get('draft-old'))?.answers).toEqual({ notes: MARKER });
    expect(await (await db.media.get('b'.repeat(64)))?.blob.text()).toBe(MARKER);
    expect(await rawText(name)).not.toContain(MARKER);
  });
});
