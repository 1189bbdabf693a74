import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { listProjectFormVersions } from '../../../src/app/repositories/formVersions';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { formRecord, openTestDb } from '../fixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

const ARCHIVED = '2024-03-01T00:00:00.000Z';

describe('the Forms page’s list of a project’s forms', () => {
  // The test database already holds version 2024-01 (fixtures.ts).
  it('gives every version, newest first, and the form as archived when its latest version is', async () => {
    const older = { ...formRecord('2023-11', '2023-11-01T00:00:00.000Z'), archivedAt: ARCHIVED };
    const latest = { ...formRecord('2024-02', '2024-02-01T00:00:00.000Z'), archivedAt: ARCHIVED };
    const elsewhere = {
      ...formRecord('2024-02'),
      projectId: 'p-other',
      key: formVersionKey('p-other', 'household', '2024-02'),
    };
    await db.forms.bulkPut([older, latest, elsewhere]);

    const [form, ...others] = await listProjectFormVersions(db, 'p-gao');
    expect(others).toEqual([]);
    expect(form?.versions.map((v) => v.version)).toEqual(['2024-02', '2024-01', '2023-11']);
    expect(form?.archived).toBe(true);

    // A new version published after the archive is offered again: the form is no longer archived.
    const next = formRecord('2024-05', '2024-05-01T00:00:00.000Z');
    await db.forms.put(next);
    const [again] = await listProjectFormVersions(db, 'p-gao');
    expect(again?.versions[0]?.version).toBe('2024-05');
    expect(again?.archived).toBe(false);
  });
});
