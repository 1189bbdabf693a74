import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { FormRecord } from '../../../src/app/db/schema';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { FormDefinition } from '../../../src/core/forms/definition';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { openTestDb, USER_ID } from '../fixtures';

/** `${last-saved#village}`: a new draft starts with the village of this device's last submission. */
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
      {
        kind: 'question',
        type: 'text',
        name: 'village',
        label: { fr: 'Village' },
        default: '${last-saved#village}',
      },
    ],
  }),
};
const meta = { username: 'amadou', deviceId: 'terrain:0123456789abcdef' };

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
  await db.forms.put(visit);
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

describe('last-saved', () => {
  it('is empty for the first draft, then the newest submission’s value', async () => {
    const first = await createDraft(db, visit, meta);
    expect(first.answers).toEqual({});
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const [i, village] of ['Gao', 'Tombouctou'].entries()) {
      // Finalized a minute apart: the newest wins, whatever the order of their ids.
      vi.setSystemTime(new Date(Date.UTC(2024, 2, 1, 8, i)));
      const draft = await createDraft(db, visit, meta);
      await finalizeDraft(db, draft.id, { userId: USER_ID, lang: 'fr', answers: { village } });
    }
    expect((await createDraft(db, visit, meta)).answers).toEqual({ village: 'Tombouctou' });
  });

  it('is kept with the draft: a calculation reading it is stored with the value the draft started with', async () => {
    const withCalculation: FormRecord = {
      ...visit,
      definition: FormDefinition.parse({
        ...visit.definition,
        items: [
          ...visit.definition.items,
          {
            kind: 'question',
            type: 'calculate',
            name: 'previous',
            calculation: "concat('après ', ${last-saved#village})",
          },
        ],
      }),
    };
    await db.forms.put(withCalculation);
    const first = await createDraft(db, withCalculation, meta);
    await finalizeDraft(db, first.id, { userId: USER_ID, lang: 'fr', answers: { village: 'Gao' } });
    const second = await createDraft(db, withCalculation, meta);
    expect(second.lastSaved).toMatchObject({ village: 'Gao' });
    const stored = await finalizeDraft(db, second.id, {
      userId: USER_ID,
      lang: 'fr',
      answers: { village: 'Ansongo' },
    });
    expect(stored.data).toMatchObject({ village: 'Ansongo', previous: 'après Gao' });
  });
});
