import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { AnswersInvalidError } from '../../../src/app/repositories/AnswersInvalidError';
import {
  createDraft,
  deleteDraft,
  finalizeDraft,
  getDraft,
  listDrafts,
  saveDraftAnswers,
  startDraft,
} from '../../../src/app/repositories/drafts';
import { listPending } from '../../../src/app/repositories/outbox';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { SubmissionFields } from '../../../src/core/records/submission';
import { HLC_PATTERN } from '../../../src/core/hlc';
import { formRecord, openTestDb, USER_ID } from '../fixtures';

let db: TerrainDb;

beforeEach(async () => {
  db = await openTestDb();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-03-01T09:00:00.000Z'));
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

const finalizeOptions = { userId: USER_ID, lang: 'fr' };

async function snapshot() {
  return {
    drafts: await db.drafts.toArray(),
    submissions: await db.submissions.toArray(),
    outbox: await db.outbox.toArray(),
    meta: await getSyncMeta(db),
  };
}

describe('drafts', () => {
  it('creates, saves, lists newest first and deletes', async () => {
    const first = await createDraft(db, formRecord());
    vi.setSystemTime(new Date('2024-03-01T10:00:00.000Z'));
    const second = await createDraft(db, formRecord());
    expect(first).toMatchObject({
      formId: 'household',
      formVersion: '2024-01',
      projectId: 'p-gao',
      answers: {},
    });

    vi.setSystemTime(new Date('2024-03-01T11:00:00.000Z'));
    await saveDraftAnswers(db, first.id, { members: 4 });
    expect(await getDraft(db, first.id)).toMatchObject({
      answers: { members: 4 },
      startedAt: '2024-03-01T09:00:00.000Z',
      updatedAt: '2024-03-01T11:00:00.000Z',
    });
    expect((await listDrafts(db)).map((d) => d.id)).toEqual([first.id, second.id]);

    await deleteDraft(db, first.id);
    expect((await listDrafts(db)).map((d) => d.id)).toEqual([second.id]);
    await expect(saveDraftAnswers(db, first.id, {})).rejects.toThrow(/No draft/);
  });
});

describe('a draft started with "Nouvelle saisie"', () => {
  it('is written with its first answer, not before: leaving first leaves nothing', async () => {
    const left = await startDraft(db, formRecord());
    const kept = await startDraft(db, formRecord());
    // The fill page reads it as any draft, though nothing is stored yet.
    expect(await getDraft(db, kept.id)).toEqual(kept);
    // What the form saves as it opens (its initial answers, empty fields) is not an answer.
    await saveDraftAnswers(db, kept.id, { ...kept.answers, members: undefined, notes: '' }, '');
    expect(await listDrafts(db)).toEqual([]);

    vi.setSystemTime(new Date('2024-03-01T10:00:00.000Z'));
    await saveDraftAnswers(db, kept.id, { members: 4, respondent: 'Awa' }, 'Awa');
    expect(await listDrafts(db)).toEqual([
      {
        ...kept,
        answers: { members: 4, respondent: 'Awa' },
        label: 'Awa',
        startedAt: '2024-03-01T09:00:00.000Z',
        updatedAt: '2024-03-01T10:00:00.000Z',
      },
    ]);
    // Later saves update it (and its name) as any draft.
    await saveDraftAnswers(db, kept.id, { members: 5, respondent: 'Awa T.' }, 'Awa T.');
    expect(await getDraft(db, kept.id)).toMatchObject({ label: 'Awa T.', answers: { members: 5 } });
    await deleteDraft(db, left.id);
    await expect(saveDraftAnswers(db, left.id, { members: 1 })).rejects.toThrow(/No draft/);
    expect((await listDrafts(db)).map((d) => d.id)).toEqual([kept.id]);
  });

  it('finalized without a change, it becomes a submission all the same', async () => {
    const draft = await startDraft(db, formRecord());
    const submission = await finalizeDraft(db, draft.id, { ...finalizeOptions, answers: { members: 3 } });
    expect(submission.id).toBe(draft.id);
    const state = await snapshot();
    expect(state.drafts).toEqual([]);
    expect(state.submissions.map((s) => s.id)).toEqual([draft.id]);
    expect(await getDraft(db, draft.id)).toBeUndefined();
  });
});

describe('finalizeDraft', () => {
  it('writes the submission and its outbox entry and deletes the draft', async () => {
    const draft = await createDraft(db, formRecord());
    await saveDraftAnswers(db, draft.id, { members: 5, village: 'gao', notes: '' });
    vi.setSystemTime(new Date('2024-03-01T09:30:00.000Z'));

    const submission = await finalizeDraft(db, draft.id, finalizeOptions);

    expect(submission).toMatchObject({
      id: draft.id,
      createdBy: USER_ID,
      syncState: 'pending',
      origin: 'local',
      data: { members: 5, village: 'gao' },
      startedAt: '2024-03-01T09:00:00.000Z',
      finalizedAt: '2024-03-01T09:30:00.000Z',
      replaces: null,
    });
    expect(await db.submissions.get(draft.id)).toEqual(submission);
    expect(await getDraft(db, draft.id)).toBeUndefined();

    const [entry, ...others] = await db.outbox.toArray();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ seq: 1, table: 'submissions', id: draft.id, op: 'put', state: 'pending' });
    expect(SubmissionFields.parse(entry?.fields)).toEqual(entry?.fields);
    expect(entry?.hlc).toMatch(HLC_PATTERN);
    const meta = await getSyncMeta(db);
    expect(meta.nextSeq).toBe(2);
    expect(meta.hlc).toBe(entry?.hlc);
  });

  it('uses the answers passed in over the saved ones', async () => {
    const draft = await createDraft(db, formRecord());
    await saveDraftAnswers(db, draft.id, { members: 2 });
    const submission = await finalizeDraft(db, draft.id, { ...finalizeOptions, answers: { members: 9 } });
    expect(submission.data).toEqual({ members: 9 });
  });

  it('refuses invalid answers with French messages and writes nothing', async () => {
    const draft = await createDraft(db, formRecord());
    await saveDraftAnswers(db, draft.id, { members: 0, village: 'tombouctou' });
    const before = await snapshot();

    const error = await finalizeDraft(db, draft.id, finalizeOptions).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AnswersInvalidError);
    expect((error as AnswersInvalidError).issues).toEqual([
      { path: 'members', message: 'La valeur doit être supérieure ou égale à 1.' },
      { path: 'village', message: 'Choix non valide.' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports a missing required answer', async () => {
    const draft = await createDraft(db, formRecord());
    const error = await finalizeDraft(db, draft.id, finalizeOptions).catch((e: unknown) => e);
    expect((error as AnswersInvalidError).issues).toEqual([
      { path: 'members', message: 'Cette question est obligatoire.' },
    ]);
  });

  it('finalizes a form with nothing to fill (csv-external declarations alone, as pyxform builds them)', async () => {
    const empty = { ...formRecord(), key: 'p-gao/declarations@1', formId: 'declarations', version: '1' };
    empty.definition = { ...empty.definition, id: 'declarations', version: '1', items: [] };
    await db.forms.put(empty);
    const draft = await createDraft(db, empty);
    const submission = await finalizeDraft(db, draft.id, finalizeOptions);
    expect(submission).toMatchObject({ formId: 'declarations', formVersion: '1', data: {} });
    expect((await listPending(db, 10)).map((entry) => entry.id)).toEqual([submission.id]);
  });

  it('is atomic: when the outbox write fails, nothing is written', async () => {
    const draft = await createDraft(db, formRecord());
    await saveDraftAnswers(db, draft.id, { members: 3 });
    // Another entry already holds the next seq: the outbox `add` fails after the submission was written.
    await db.outbox.add({
      seq: 1,
      mutationId: crypto.randomUUID(),
      table: 'submissions',
      id: 'someone-else',
      op: 'put',
      fields: {},
      hlc: '000000000000001:00000:x',
      createdAt: '2024-03-01T08:00:00.000Z',
      state: 'pending',
    });
    const before = await snapshot();

    await expect(finalizeDraft(db, draft.id, finalizeOptions)).rejects.toThrow();

    expect(await snapshot()).toEqual(before);
    expect(await db.submissions.count()).toBe(0);
  });

  it('is atomic: when deleting the draft fails, the submission and outbox entry are rolled back', async () => {
    const draft = await createDraft(db, formRecord());
    await saveDraftAnswers(db, draft.id, { members: 3 });
    const before = await snapshot();
    const failDelete = () => {
      throw new Error('disk full');
    };
    db.drafts.hook('deleting', failDelete);
    try {
      await expect(finalizeDraft(db, draft.id, finalizeOptions)).rejects.toThrow('disk full');
    } finally {
      db.drafts.hook('deleting').unsubscribe(failDelete);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('stamps end with the moment of finalizing and stores the instance name in meta', async () => {
    const record = formRecord('2024-02');
    record.definition = {
      ...record.definition,
      settings: { instanceName: "concat('Ménage de ', ${members})" },
      items: [
        ...record.definition.items,
        { kind: 'question', type: 'hidden', name: 'end', appearance: 'meta:end' },
      ],
    };
    await db.forms.put(record);
    const draft = await createDraft(db, record);
    await saveDraftAnswers(db, draft.id, { members: 4, end: '2024-03-01T09:00:00.000+00:00' });
    vi.setSystemTime(new Date('2024-03-01T09:41:07.000Z'));

    const submission = await finalizeDraft(db, draft.id, finalizeOptions);

    expect(submission.data).toEqual({
      members: 4,
      end: '2024-03-01T09:41:07.000+00:00',
      meta: { instanceName: 'Ménage de 4' },
    });
    const [entry] = await db.outbox.toArray();
    expect(SubmissionFields.parse(entry?.fields).data).toEqual(submission.data);
  });

  it('numbers outbox entries consecutively across finalizes, with increasing clocks', async () => {
    for (let i = 0; i < 5; i += 1) {
      const draft = await createDraft(db, formRecord());
      await finalizeDraft(db, draft.id, { ...finalizeOptions, answers: { members: i + 1 } });
    }
    const pending = await listPending(db, 10);
    expect(pending.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const clocks = pending.map((e) => e.hlc);
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(5);
    expect(new Set(pending.map((e) => e.mutationId)).size).toBe(5);
    expect((await getSyncMeta(db)).nextSeq).toBe(6);
  });
});
