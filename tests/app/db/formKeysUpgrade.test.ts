import { describe, expect, it } from 'vitest';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { getFormVersion, listLatestForms } from '../../../src/app/repositories/forms';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { formRecord } from '../fixtures';
import { oldTerrainDb } from './oldTerrainDb';

/**
 * Database version 8 (issue 11, hole 6): form versions are keyed by project. An agent whose app updates
 * while offline for days must still open and finish the drafts started on the versions the device holds.
 */
describe('database version 8 (form versions keyed by project)', () => {
  it('renames the stored form versions, so drafts on old versions open and finalize with no network', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v7 = oldTerrainDb(name, 7);
    const legacy = (version: string, publishedAt: string) => {
      const { key: _key, ...form } = formRecord(version, publishedAt);
      return { ...form, key: `${form.formId}@${version}` };
    };
    await v7
      .table('forms')
      .bulkAdd([
        legacy('2024-01', '2024-01-10T08:00:00.000Z'),
        legacy('2024-05', '2024-05-10T08:00:00.000Z'),
      ]);
    // A draft started on the older version, as the app of before kept it.
    await v7.table('drafts').add({
      id: 'draft-old',
      formId: 'household',
      formVersion: '2024-01',
      projectId: 'p-gao',
      answers: { members: 4 },
      startedAt: '2024-02-01T08:00:00.000Z',
      updatedAt: '2024-02-01T08:05:00.000Z',
    });
    await v7.table('meta').add({ key: 'sync', clientId: 'client-old-1', nextSeq: 7, cursor: 120 });
    v7.close();

    // No server anywhere: the upgrade is the device's own.
    const db = new TerrainDb('user-amadou', name);
    expect((await db.forms.toCollection().primaryKeys()).sort()).toEqual([
      formVersionKey('p-gao', 'household', '2024-01'),
      formVersionKey('p-gao', 'household', '2024-05'),
    ]);
    expect(await getFormVersion(db, 'p-gao', 'household', '2024-01')).toMatchObject({ version: '2024-01' });
    expect((await listLatestForms(db)).map((f) => f.version)).toEqual(['2024-05']);
    // The sync position is untouched: nothing is pulled again for this.
    expect(await db.meta.get('sync')).toMatchObject({ cursor: 120, nextSeq: 7 });

    const submission = await finalizeDraft(db, 'draft-old', { userId: 'user-amadou', lang: 'fr' });
    expect(submission).toMatchObject({ formVersion: '2024-01', projectId: 'p-gao', data: { members: 4 } });
    expect(await db.outbox.where('[table+id]').equals(['submissions', 'draft-old']).count()).toBe(1);
    // New drafts start on the latest version as before.
    const latest = (await listLatestForms(db))[0]!;
    expect((await createDraft(db, latest)).formVersion).toBe('2024-05');
    await db.delete();
  });
});
