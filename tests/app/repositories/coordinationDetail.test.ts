import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorRows, latestRow } from '../../../src/app/components/indicatorRows';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { loadIndicatorDetail, loadProjectDetail } from '../../../src/app/repositories/coordinationDetail';
import { openTestDb, project } from '../fixtures';
import { indicator, submissionAt, valueOf } from './coordinationFixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
  await db.projects.put(project);
});
afterEach(() => db.delete());

const JAN_JUN = { start: '2024-01-01', end: '2024-06-30' };
const JUL_DEC = { start: '2024-07-01', end: '2024-12-31' };
const computed = {
  ...indicator,
  id: 'ind-visits',
  code: 'V1',
  computation: { formId: 'household', aggregate: 'count' as const },
};

describe('project page data', () => {
  it('gives each indicator its latest value, computed where none was entered, both when they differ', async () => {
    await db.indicators.bulkPut([indicator, computed]);
    await db.indicatorValues.bulkPut([
      valueOf(JAN_JUN.start, JAN_JUN.end, 250, { reviewStatus: 'verified' }),
      // A category's value is not the total's.
      valueOf(JUL_DEC.start, JUL_DEC.end, 90, { id: 'v-f', categories: { sex: 'f' } }),
      // Entered for the computed indicator in the first half: 5, while 2 submissions say 2.
      valueOf(JAN_JUN.start, JAN_JUN.end, 5, { id: 'v-visits', indicatorId: 'ind-visits' }),
    ]);
    await db.submissions.bulkPut([
      submissionAt('s-1', '2024-02-01T08:00:00.000Z'),
      submissionAt('s-2', '2024-03-01T08:00:00.000Z'),
      submissionAt('s-3', '2024-08-01T08:00:00.000Z'),
      // s-4 corrected by s-5: one submission.
      submissionAt('s-4', '2024-09-01T08:00:00.000Z', { versionState: 'superseded' }),
      submissionAt('s-5', '2024-09-02T08:00:00.000Z', { replaces: 's-4', versionHlc: '0000000001' }),
    ]);
    const data = await loadProjectDetail(db, project.id);
    expect(data?.submissions.map((s) => s.id).sort()).toEqual(['s-1', 's-2', 's-3', 's-4', 's-5']);
    const latestOf = (id: string) => {
      const ind = data!.indicators.find((i) => i.id === id)!;
      return latestRow(
        indicatorRows(
          ind,
          data!.values.filter((v) => v.indicatorId === id),
          data!.submissions,
        ),
      );
    };
    // Entered by hand only: the first half (the second has only a category's value).
    expect(latestOf(indicator.id)).toMatchObject({ periodEnd: JAN_JUN.end, actual: 250, computed: null });
    expect(latestOf(indicator.id)?.value?.reviewStatus).toBe('verified');
    // The second half was not entered: its value is computed, from s-3 and s-5.
    expect(latestOf('ind-visits')).toMatchObject({ periodEnd: JUL_DEC.end, actual: null, computed: 2 });
    const firstHalf = indicatorRows(
      computed,
      data!.values.filter((v) => v.indicatorId === 'ind-visits'),
      data!.submissions,
    )[0];
    expect(firstHalf).toMatchObject({ actual: 5, computed: 2, differs: true });
  });

  it('lists its latest current submissions, newest first, at most ten, and counts them all', async () => {
    const days = Array.from({ length: 12 }, (_, i) => `2024-03-${String(i + 10)}T08:00:00.000Z`);
    await db.submissions.bulkPut([
      ...days.map((day, i) => submissionAt(`s-${i}`, day)),
      submissionAt('old', '2024-03-30T08:00:00.000Z', { versionState: 'superseded' }),
      submissionAt('other', '2024-03-31T08:00:00.000Z', { projectId: 'p-other' }),
    ]);
    const data = await loadProjectDetail(db, project.id);
    expect(data?.submissionCount).toBe(12);
    expect(data?.recent.map((s) => s.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s-${11 - i}`));
  });

  it('shows no value for a computed indicator whose periods have no submission yet', async () => {
    await db.indicators.put(computed);
    const data = await loadProjectDetail(db, project.id);
    const rows = indicatorRows(computed, data!.values, data!.submissions);
    // Its targets' periods count 0 from no submission: not a value.
    expect(rows.map((r) => r.computed)).toEqual([0, 0]);
    expect(latestRow(rows)).toBeUndefined();
  });
});

describe('indicator page data', () => {
  it('is read in one transaction: a sync landing meanwhile shows all of it or none', async () => {
    await db.indicators.put(indicator);
    await db.indicatorValues.put(valueOf(JAN_JUN.start, JAN_JUN.end, 250));
    // A pull page, in one transaction: the indicator renamed and a value of the second half.
    const sync = () =>
      db.transaction('rw', [db.indicators, db.indicatorValues], async () => {
        await db.indicators.put({ ...indicator, code: 'W1-renamed' });
        await db.indicatorValues.put(valueOf(JUL_DEC.start, JUL_DEC.end, 400));
      });
    const [detail] = await Promise.all([loadIndicatorDetail(db, indicator.id), sync()]);
    const renamed = detail?.indicator.code === 'W1-renamed';
    expect(detail?.values).toHaveLength(renamed ? 2 : 1);
    expect(await loadIndicatorDetail(db, 'nothing')).toBeNull();
  });
});
