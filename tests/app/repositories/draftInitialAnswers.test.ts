import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { FormRecord } from '../../../src/app/db/schema';
import { createDraft, finalizeDraft, getDraft } from '../../../src/app/repositories/drafts';
import { FormDefinition } from '../../../src/core/forms/definition';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { openTestDb, USER_ID } from '../fixtures';

const meta = (name: string, appearance: string) => ({ kind: 'question', type: 'hidden', name, appearance });

const visit: FormRecord = {
  key: formVersionKey('p-gao', 'visit', '1'),
  formId: 'visit',
  version: '1',
  projectId: 'p-gao',
  publishedAt: '2024-01-10T08:00:00.000Z',
  definition: FormDefinition.parse({
    id: 'visit',
    version: '1',
    title: { fr: 'Visite' },
    defaultLanguage: 'fr',
    languages: ['fr'],
    items: [
      meta('start', 'meta:start'),
      meta('today', 'meta:today'),
      meta('end', 'meta:end'),
      meta('username', 'meta:username'),
      meta('deviceid', 'meta:deviceid'),
      { kind: 'question', type: 'integer', name: 'members', label: { fr: 'Membres' }, default: '1' },
    ],
  }),
};

let db: TerrainDb;

beforeEach(async () => {
  db = await openTestDb();
  await db.forms.put(visit);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-03-01T23:30:00.000Z'));
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

describe('a new draft', () => {
  it('is saved with its initial answers, so reopening it untouched keeps start and today', async () => {
    const draft = await createDraft(db, visit, { username: 'amadou', deviceId: 'terrain:0123456789abcdef' });
    const initial = {
      start: '2024-03-01T23:30:00.000+00:00',
      today: '2024-03-01',
      username: 'amadou',
      deviceid: 'terrain:0123456789abcdef',
      members: 1,
    };
    expect(draft.answers).toEqual(initial);
    // The next day, the agent reopens the draft: it is as it was started.
    vi.setSystemTime(new Date('2024-03-02T08:00:00.000Z'));
    expect((await getDraft(db, draft.id))?.answers).toEqual(initial);
    const submission = await finalizeDraft(db, draft.id, {
      userId: USER_ID,
      lang: 'fr',
      answers: (await getDraft(db, draft.id))?.answers ?? {},
    });
    expect(submission.data).toMatchObject({
      start: '2024-03-01T23:30:00.000+00:00',
      today: '2024-03-01',
      end: '2024-03-02T08:00:00.000+00:00',
    });
  });

  it('starts empty without the user and device (the fill page then computes them)', async () => {
    expect((await createDraft(db, visit)).answers).toEqual({});
  });
});
