import { FormDefinition } from '../../src/core/forms/definition';
import { formVersionKey } from '../../src/core/records/formVersion';
import { Project } from '../../src/core/records/project';
import { TerrainDb } from '../../src/app/db/TerrainDb';
import type { FormRecord } from '../../src/app/db/schema';
import { openSealedDb } from '../../src/app/vault/openSealedDb';
import { inject } from 'vitest';

export const USER_ID = 'user-amadou';

/** A small household survey: one required bounded integer, one choice, one optional text. */
export const householdDefinition = FormDefinition.parse({
  id: 'household',
  version: '2024-01',
  title: { fr: 'Ménage', en: 'Household' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'integer',
      name: 'members',
      label: { fr: 'Membres' },
      required: true,
      min: 1,
      max: 60,
    },
    { kind: 'question', type: 'select_one', name: 'village', label: { fr: 'Village' }, listName: 'villages' },
    { kind: 'question', type: 'text', name: 'notes', label: { fr: 'Notes' } },
  ],
  choiceLists: {
    villages: [
      { name: 'gao', label: { fr: 'Gao' } },
      { name: 'kidal', label: { fr: 'Kidal' } },
    ],
  },
});

export function formRecord(
  version = householdDefinition.version,
  publishedAt = '2024-01-10T08:00:00.000Z',
): FormRecord {
  return {
    key: formVersionKey('p-gao', 'household', version),
    formId: 'household',
    version,
    projectId: 'p-gao',
    publishedAt,
    definition: { ...householdDefinition, version },
  };
}

export const project: Project = Project.parse({
  id: 'p-gao',
  code: 'GAO-WASH',
  title: { fr: 'Eau à Gao' },
  organisationId: null,
  status: 'active',
});

let counter = 0;

/**
 * A fresh database per test (unique name), holding the household form and its project. In the `app-sealed`
 * project (vitest.config.ts) the same tests run again on a sealed database, as the app opens it.
 */
export async function openTestDb(userId = USER_ID): Promise<TerrainDb> {
  counter += 1;
  const name = `test-${userId}-${counter}-${crypto.randomUUID()}`;
  const db = inject('sealed') ? await openSealedTestDb(userId, name) : new TerrainDb(userId, name);
  await db.forms.put(formRecord());
  await db.projects.put(project);
  return db;
}

/** A user's database sealed under a fresh data key, unlocked: what the app has after the user's password. */
export async function openSealedTestDb(userId = USER_ID, name?: string): Promise<TerrainDb> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return openSealedDb(userId, key, name ?? `sealed-${userId}-${crypto.randomUUID()}`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Whether openTestDb seals (the `app-sealed` project). */
    sealed: boolean;
  }
}
