import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/app/api/client';
import { getSyncMeta, updateSyncMeta } from '../../../src/app/repositories/syncMeta';
import { pullChanges } from '../../../src/app/sync/pull';
import type { Submission } from '../../../src/core/records/submission';
import type { PullTable } from '../../../src/core/sync/protocol';
import { formRecord, project } from '../fixtures';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const api = () => createApiClient({ fetch: h.server.fetch, getToken: () => 'token-ok' });

function remoteSubmission(id: string, createdBy = 'user-fatou', members = 7): Submission {
  return {
    id,
    createdBy,
    formId: 'household',
    formVersion: '2024-01',
    projectId: 'p-gao',
    data: { members },
    startedAt: '2024-02-01T08:00:00.000Z',
    finalizedAt: '2024-02-01T09:00:00.000Z',
    replaces: null,
  };
}

describe('pull', () => {
  it('applies every page and stores the cursor with it', async () => {
    for (let i = 0; i < 7; i += 1) {
      h.server.putRecord('projects', `p-${i}`, { ...project, id: `p-${i}`, code: `P${i}` });
    }
    const { key: _key, ...form } = formRecord('2024-05', '2024-05-01T00:00:00.000Z');
    h.server.putRecord('forms', 'p-gao/household@2024-05', form);
    h.server.putRecord('submissions', 'r-1', remoteSubmission('r-1'));

    const stats = await pullChanges(h.db, api(), 3);

    expect(stats).toEqual({ applied: 9, invalid: 0, kept: 0, skipped: 0 });
    expect(h.server.requests.filter((r) => r.path === '/api/sync/pull')).toHaveLength(3);
    expect((await getSyncMeta(h.db)).cursor).toBe(9);
    expect(await h.db.projects.count()).toBe(8);
    expect(await h.db.forms.get('p-gao/household@2024-05')).toMatchObject({
      key: 'p-gao/household@2024-05',
      version: '2024-05',
    });
    expect(await h.db.submissions.get('r-1')).toMatchObject({ syncState: 'synced', origin: 'remote' });

    // Nothing new: one request, nothing applied, cursor unchanged.
    expect(await pullChanges(h.db, api(), 3)).toEqual({ applied: 0, invalid: 0, kept: 0, skipped: 0 });
    expect((await getSyncMeta(h.db)).cursor).toBe(9);
  });

  it('skips the rows of a table it does not know, and pulls again from 0 once its app knows more', async () => {
    // A newer server already sends a table this app version does not know.
    h.server.putRecord('payments' as PullTable, 'pay-1', { id: 'pay-1' });
    h.server.putRecord('submissions', 'r-1', remoteSubmission('r-1'));
    expect(await pullChanges(h.db, api())).toEqual({ applied: 1, invalid: 0, kept: 0, skipped: 1 });
    expect((await getSyncMeta(h.db)).cursor).toBe(2);

    // An app update that knows other tables than the stored list starts over from the first row.
    await updateSyncMeta(h.db, { pullTables: 'projects,forms' });
    expect(await pullChanges(h.db, api())).toEqual({ applied: 1, invalid: 0, kept: 0, skipped: 1 });
    expect((await getSyncMeta(h.db)).cursor).toBe(2);
    expect(await h.db.submissions.count()).toBe(1);
  });

  it('does not overwrite a record with a local mutation still pending', async () => {
    const local = await h.finalize(3);
    h.server.putRecord('submissions', local.id, remoteSubmission(local.id, 'user-fatou', 99));
    h.server.putRecord('submissions', 'r-2', remoteSubmission('r-2'));

    const stats = await pullChanges(h.db, api());

    expect(stats).toEqual({ applied: 1, invalid: 0, kept: 1, skipped: 0 });
    expect(await h.db.submissions.get(local.id)).toMatchObject({
      data: { members: 3 },
      syncState: 'pending',
      origin: 'local',
    });
    expect((await getSyncMeta(h.db)).cursor).toBe(2);
  });

  it('skips and counts invalid rows without failing the page', async () => {
    h.server.putRecord('projects', 'broken', { id: 'broken' });
    h.server.putRecord('projects', 'mismatch', { ...project, id: 'other' });
    h.server.putRecord('submissions', 'r-3', remoteSubmission('r-3'));
    h.engine.start();
    await h.engine.syncNow();
    expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', invalidRows: 2 });
    expect(await h.db.projects.get('broken')).toBeUndefined();
    expect(await h.db.submissions.get('r-3')).toBeDefined();
  });

  it('removes deleted rows and marks our own submissions local', async () => {
    h.server.putRecord('submissions', 'mine', remoteSubmission('mine', h.db.userId));
    h.server.putRecord('submissions', 'gone', remoteSubmission('gone'));
    await pullChanges(h.db, api());
    expect(await h.db.submissions.get('mine')).toMatchObject({ origin: 'local', syncState: 'synced' });

    h.server.deleteRecord('submissions', 'gone');
    h.server.deleteRecord('projects', project.id);
    await pullChanges(h.db, api());
    expect(await h.db.submissions.get('gone')).toBeUndefined();
    expect(await h.db.projects.get(project.id)).toBeUndefined();
  });

  it('our pushed submission coming back by pull stays local and synced', async () => {
    const local = await h.finalize(4);
    await h.engine.syncNow();
    expect(await h.db.submissions.get(local.id)).toMatchObject({
      origin: 'local',
      syncState: 'synced',
      data: { members: 4 },
    });
    expect((await getSyncMeta(h.db)).cursor).toBe(1);
  });

  it('a lost page leaves the cursor where it was', async () => {
    h.server.putRecord('projects', 'p-1', { ...project, id: 'p-1' });
    h.server.putRecord('projects', 'p-2', { ...project, id: 'p-2' });
    h.server.faults.push({ kind: 'response_lost' });
    await expect(pullChanges(h.db, api(), 1)).rejects.toThrow();
    expect((await getSyncMeta(h.db)).cursor).toBe(0);
    expect(await pullChanges(h.db, api(), 1)).toMatchObject({ applied: 2 });
  });

  it('applies a page and its cursor atomically', async () => {
    h.server.putRecord('projects', 'p-1', { ...project, id: 'p-1' });
    h.server.putRecord('submissions', 'r-4', remoteSubmission('r-4'));
    const failWrite = () => {
      throw new Error('quota exceeded');
    };
    h.db.submissions.hook('creating', failWrite);
    try {
      await expect(pullChanges(h.db, api())).rejects.toThrow('quota exceeded');
    } finally {
      h.db.submissions.hook('creating').unsubscribe(failWrite);
    }
    expect(await h.db.projects.get('p-1')).toBeUndefined();
    expect((await getSyncMeta(h.db)).cursor).toBe(0);
  });
});
