import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { FormRecord } from '../../../src/app/db/schema';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { FormDefinition } from '../../../src/core/forms/definition';
import { extraFunctionsLoaded } from '../../../src/core/forms/expr';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { openTestDb, USER_ID } from '../fixtures';

/** A form calling digest(), whose code loads on demand (src/core/forms/expr/functions/lazy.ts). */
const fingerprint: FormRecord = {
  key: formVersionKey('p-gao', 'fingerprint', '1'),
  formId: 'fingerprint',
  version: '1',
  projectId: 'p-gao',
  publishedAt: '2024-01-10T08:00:00.000Z',
  definition: FormDefinition.parse({
    id: 'fingerprint',
    version: '1',
    title: { fr: 'Empreinte' },
    defaultLanguage: 'fr',
    languages: ['fr'],
    items: [
      { kind: 'question', type: 'text', name: 'fruit', label: { fr: 'Fruit' } },
      { kind: 'question', type: 'calculate', name: 'code', calculation: "digest(${fruit}, 'MD5', 'hex')" },
    ],
  }),
};

let db: TerrainDb;

beforeEach(async () => {
  db = await openTestDb();
  await db.forms.put(fingerprint);
});

afterEach(async () => {
  await db.delete();
});

describe('a form calling one of the rarer ODK functions', () => {
  it('finalizes: the repository loads their code before the engine runs', async () => {
    // Nothing loaded it yet in this test file (vitest isolates files); a draft without meta does not either.
    const draft = await createDraft(db, fingerprint);
    expect(extraFunctionsLoaded()).toBe(false);
    const submission = await finalizeDraft(db, draft.id, {
      userId: USER_ID,
      lang: 'fr',
      answers: { fruit: 'mangue' },
    });
    expect(submission.data).toEqual({ fruit: 'mangue', code: 'fc0b48d0527a87036f061f4eabb8befd' });
    expect(extraFunctionsLoaded()).toBe(true);
  });
});
