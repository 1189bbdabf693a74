import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import { encodeHlc } from '../../../src/core/hlc';
import type { PullChange } from '../../../src/core/sync/protocol';
import { openTestDb } from '../fixtures';

/** Coordination records (organisations, projects, indicators, indicator values) pulled into Dexie (v6). */

const hlc = encodeHlc({ wall: Date.parse('2026-12-01T08:00:00.000Z'), counter: 0, node: 'server' });
const clocksOf = (data: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(data)
      .filter((k) => k !== 'id')
      .map((k) => [k, hlc]),
  );

function change(table: string, serverSeq: number, data: Record<string, unknown>): PullChange {
  return {
    table,
    id: String(data.id),
    serverSeq,
    op: data.deleted ? 'delete' : 'put',
    data,
    clocks: clocksOf(data),
  };
}

const organisation = {
  id: 'org-1',
  name: 'ACF',
  acronym: 'ACF',
  iatiId: 'FR-RCS-123',
  type: '21',
  deleted: false,
};
const project = { id: 'p-gao', code: 'ML-1', title: { fr: 'Gao' }, organisationId: 'org-1', deleted: false };
const indicator = {
  id: 'ind-1',
  projectId: 'p-gao',
  code: 'HH',
  title: { fr: 'Ménages' },
  unit: 'ménages',
  measure: 'unit',
  direction: 'increase',
  disaggregations: [],
  baseline: null,
  targets: [],
  computation: null,
  deleted: false,
};
const value = {
  id: 'v-1',
  indicatorId: 'ind-1',
  projectId: 'p-gao',
  periodStart: '2026-01-01',
  periodEnd: '2026-02-28',
  categories: {},
  value: 12,
  comment: '',
  enteredBy: 'u-1',
  reviewStatus: 'verified',
  reviewComment: '',
  reviewedBy: 'u-2',
  deleted: false,
};

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('pulled coordination records', () => {
  it('land in their device tables with their server state, tombstones included', async () => {
    const stats = await applyPullPage(db, {
      changes: [
        change('organisations', 1, organisation),
        change('projects', 2, project),
        change('indicators', 3, indicator),
        change('indicatorValues', 4, value),
        change('indicators', 5, { ...indicator, id: 'ind-2', deleted: true }),
      ],
      cursor: 5,
      hasMore: false,
    });
    expect(stats).toEqual({ applied: 5, invalid: 0, kept: 0, skipped: 0 });
    expect(await db.organisations.get('org-1')).toMatchObject({ name: 'ACF', type: '21' });
    // Defaults of the project fields the server left out are filled in.
    expect(await db.projects.get('p-gao')).toMatchObject({ code: 'ML-1', status: 'active', sectors: [] });
    expect(await db.indicators.get('ind-1')).toMatchObject({ projectId: 'p-gao', code: 'HH' });
    expect(await db.indicators.get('ind-2')).toMatchObject({ deleted: true });
    const stored = await db.indicatorValues.get('v-1');
    expect(stored).toMatchObject({ value: 12, reviewStatus: 'verified' });
    expect((stored as unknown as { server: Record<string, { hlc: string }> }).server.value?.hlc).toBe(hlc);
    expect((await db.meta.get('sync'))?.cursor).toBe(5);
  });

  it('still stores a project of an older server, sent whole without clocks', async () => {
    const { clocks: _clocks, ...old } = change('projects', 1, project);
    const stats = await applyPullPage(db, { changes: [old], cursor: 1, hasMore: false });
    expect(stats.applied).toBe(1);
    expect(await db.projects.get('p-gao')).toMatchObject({ code: 'ML-1' });
  });
});
