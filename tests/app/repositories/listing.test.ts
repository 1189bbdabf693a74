import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { SubmissionRecord } from '../../../src/app/db/schema';
import { getFormVersion, listLatestForms, listProjects } from '../../../src/app/repositories/forms';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { countSubmissions, getSubmission, listSubmissions } from '../../../src/app/repositories/submissions';
import { formRecord, openTestDb, project, USER_ID } from '../fixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

function submission(i: number): SubmissionRecord {
  const minute = String(i % 60).padStart(2, '0');
  const hour = String(Math.floor(i / 60)).padStart(2, '0');
  return {
    id: `s-${i}`,
    formId: 'household',
    formVersion: '2024-01',
    projectId: 'p-gao',
    data: { members: i },
    startedAt: '2024-03-01T00:00:00.000Z',
    finalizedAt: `2024-03-02T${hour}:${minute}:00.000Z`,
    replaces: null,
    createdBy: USER_ID,
    syncState: 'synced',
    origin: 'local',
  };
}

describe('submissions', () => {
  it('lists newest finalized first, a page at a time', async () => {
    // Stored in a shuffled order: the index, not insertion, gives the order.
    const all = Array.from({ length: 120 }, (_, i) => submission(i));
    await db.submissions.bulkAdd([...all].sort(() => Math.random() - 0.5));

    const first = await listSubmissions(db, { limit: 10 });
    expect(first.map((s) => s.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s-${119 - i}`));
    const second = await listSubmissions(db, { limit: 10, offset: 10 });
    expect(second[0]?.id).toBe('s-109');
    expect(await listSubmissions(db)).toHaveLength(50);
    expect(await countSubmissions(db)).toBe(120);
    expect(await getSubmission(db, 's-7')).toEqual(all[7]);
  });
});

describe('forms and projects', () => {
  it('gives the latest published version of each form and any version by key', async () => {
    await db.forms.bulkPut([
      formRecord('2023-11', '2023-11-01T00:00:00.000Z'),
      formRecord('2024-02', '2024-02-01T00:00:00.000Z'),
    ]);
    const latest = await listLatestForms(db);
    expect(latest.map((f) => f.version)).toEqual(['2024-02']);
    expect((await getFormVersion(db, 'p-gao', 'household', '2023-11'))?.publishedAt).toBe(
      '2023-11-01T00:00:00.000Z',
    );
    expect(await getFormVersion(db, 'p-gao', 'household', 'nope')).toBeUndefined();
    expect(await listProjects(db)).toEqual([project]);
  });

  it("keeps each project's forms apart when two projects use one form id", async () => {
    // Another project's form of the same id and version, published later.
    const theirs = { ...formRecord('2024-01', '2024-06-01T00:00:00.000Z'), projectId: 'p-kidal' };
    await db.forms.put({ ...theirs, key: formVersionKey('p-kidal', 'household', '2024-01') });
    const latest = await listLatestForms(db);
    expect(latest.map((f) => [f.projectId, f.version]).sort()).toEqual([
      ['p-gao', '2024-01'],
      ['p-kidal', '2024-01'],
    ]);
    expect((await getFormVersion(db, 'p-gao', 'household', '2024-01'))?.projectId).toBe('p-gao');
    expect((await getFormVersion(db, 'p-kidal', 'household', '2024-01'))?.projectId).toBe('p-kidal');
  });
});
