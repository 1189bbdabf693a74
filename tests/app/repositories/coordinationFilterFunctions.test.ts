import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorRows } from '../../../src/app/components/indicatorRows';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { loadIndicatorDetail, loadProjectDetail } from '../../../src/app/repositories/coordinationDetail';
import { extraFunctionsLoaded } from '../../../src/core/forms/expr';
import { openTestDb, project } from '../fixtures';
import { indicator, submissionAt } from './coordinationFixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
  await db.projects.put(project);
});
afterEach(() => db.delete());

/** Long trips only: distance() is one of the functions whose code loads on demand (functions/lazy.ts). */
const longTrips = {
  ...indicator,
  id: 'ind-trips',
  computation: { formId: 'household', aggregate: 'count' as const, filter: 'distance(${route}) > 100000' },
};

describe('an indicator whose filter calls one of the rarer ODK functions', () => {
  it('is computed on its page: the loader brings the functions’ code', async () => {
    await db.indicators.put(longTrips);
    await db.submissions.bulkPut([
      submissionAt('s-1', '2024-02-01T08:00:00.000Z', { data: { route: '0 0 0 0; 0 1 0 0' } }), // ≈ 111 km
      submissionAt('s-2', '2024-02-02T08:00:00.000Z', { data: { route: '0 0 0 0; 0 0.1 0 0' } }),
    ]);
    // Nothing in this test file loaded the code before: the project page's loader does.
    expect(await loadProjectDetail(db, project.id)).not.toBeNull();
    expect(extraFunctionsLoaded()).toBe(true);
    const data = await loadIndicatorDetail(db, longTrips.id);
    const rows = indicatorRows(data!.indicator, data!.values, data!.submissions);
    expect(rows.reduce((sum, row) => sum + (row.computed ?? 0), 0)).toBe(1);
  });
});
