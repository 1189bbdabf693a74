import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { DEFAULT_QUERY } from '../../../src/core/table/dataTable';
import { tableColumns } from '../../../src/app/components/dataTable/columns';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { translator } from '../../../src/app/i18n/translate';
import '../../../src/app/i18n/pageStrings';
import '../../../src/app/i18n/dataTableStrings';
import { buildRows, listFormTable, pageOf, readFormSource } from '../../../src/app/repositories/formTable';
import { saveReview } from '../../../src/app/repositories/reviews';
import { verifyMany } from '../../../src/app/repositories/verifyMany';
import { householdDefinition, openTestDb } from '../fixtures';
import { submissionAt } from './coordinationFixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

// Many rows: 20 pages of 50 (`npm run bench -- store` times the table over 10,000).
const ROWS = 1_000;
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
const columns = tableColumns(householdDefinition, 'fr', translator('fr'), (id) => id).filter((c) =>
  ['date', 'status', 'q:members', 'q:village'].includes(c.key),
);
const request = { projectId: 'p-gao', formId: 'household', columns, offset: 0, limit: 50 };

async function fill(count = ROWS): Promise<void> {
  await db.submissions.bulkPut(
    Array.from({ length: count }, (_, i) =>
      submissionAt(`s-${String(i).padStart(5, '0')}`, at(i), {
        data: { members: (i % 60) + 1, village: i % 2 ? 'gao' : 'kidal' },
      }),
    ),
  );
}

describe('a form’s data table on the device', () => {
  it('reads the rows once and serves every query from them, as a fresh read would', async () => {
    await fill();
    const rows = buildRows(await readFormSource(db, 'p-gao', 'household'), columns);
    const queries = [
      DEFAULT_QUERY,
      { ...DEFAULT_QUERY, sortColumn: 2 },
      { ...DEFAULT_QUERY, sortColumn: 2, descending: true, search: 'gao' },
      { ...DEFAULT_QUERY, search: 'KIDAL' },
      { ...DEFAULT_QUERY, status: 'none' as const, sortColumn: 3 },
    ];
    for (const [i, query] of queries.entries()) {
      const fresh = await listFormTable(db, { ...request, query, offset: i * 50 });
      const held = pageOf(rows, query, i * 50, 50);
      expect(held.matching).toBe(fresh.matching);
      expect(held.total).toBe(ROWS);
      expect(held.rows.map((r) => [r.id, r.texts])).toEqual(fresh.rows.map((r) => [r.id, r.texts]));
    }
  });

  it('reads again when a submission or a review of the form changes (the page’s live query), not before', async () => {
    await fill(3);
    const seen: number[] = [];
    const subscription = liveQuery(() => readFormSource(db, 'p-gao', 'household')).subscribe((source) =>
      seen.push(source.submissions.length),
    );
    try {
      await expect.poll(() => seen).toEqual([3]);
      await db.submissions.put(submissionAt('s-new', at(10), { data: { members: 2 } }));
      await expect.poll(() => seen).toEqual([3, 4]);
      await saveReview(db, { id: 's-new', projectId: 'p-gao' }, { status: 'verified' });
      await expect.poll(() => seen.length).toBe(3);
      // Another form's submission does not touch this form's rows.
      await db.submissions.put(submissionAt('x-form', at(11), { formId: 'other' }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen.length).toBe(3);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('pages through many submissions, newest first, and counts what the query keeps', async () => {
    await fill();
    // Left out: another form, another project, an earlier version, a discarded one.
    await db.submissions.bulkPut([
      submissionAt('x-form', at(5000), { formId: 'other' }),
      submissionAt('x-project', at(5001), { projectId: 'p-elsewhere' }),
      submissionAt('x-old', at(5002), { versionState: 'superseded' }),
      submissionAt('x-discarded', at(5003), { discardedAt: at(5004) }),
    ]);
    const first = await listFormTable(db, { ...request, query: DEFAULT_QUERY });
    expect(first.total).toBe(ROWS);
    expect(first.matching).toBe(ROWS);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]!.id).toBe('s-00999');
    // Every page follows the last, and together they hold each submission once.
    const seen = new Set<string>();
    for (let offset = 0; offset < ROWS; offset += 250) {
      const page = await listFormTable(db, { ...request, offset, limit: 250, query: DEFAULT_QUERY });
      page.rows.forEach((r) => seen.add(r.id));
    }
    expect(seen.size).toBe(ROWS);
    // The choice's label shows, the number sorts as a number.
    expect(first.rows[0]!.texts[3]).toMatch(/^(Gao|Kidal)$/);
    const bySize = await listFormTable(db, {
      ...request,
      query: { ...DEFAULT_QUERY, sortColumn: 2, descending: true, search: 'kidal' },
    });
    expect(bySize.matching).toBe(ROWS / 2);
    expect(bySize.rows[0]!.values[2]).toBe(59);
    expect(bySize.rows.every((r) => r.texts[3] === 'Kidal')).toBe(true);
  }, 60_000);

  it('verifies several at once as the review panel does one: a review and an outbox mutation each', async () => {
    await fill(20);
    const outcome = await verifyMany(
      db,
      ['s-00001', 's-00002'].map((id) => ({ id, projectId: 'p-gao' })),
      'focal_point',
    );
    expect(outcome).toEqual({ verified: 2, skipped: 0 });
    const entries = (await db.outbox.toArray()).filter((e) => e.table === 'reviews');
    expect(entries.map((e) => [e.id, e.fields.status])).toEqual([
      ['s-00001', 'verified'],
      ['s-00002', 'verified'],
    ]);
    const verified = await listFormTable(db, { ...request, query: { ...DEFAULT_QUERY, status: 'verified' } });
    expect(verified.rows.map((r) => [r.id, r.texts[1]])).toEqual([
      ['s-00002', 'Vérifiée'],
      ['s-00001', 'Vérifiée'],
    ]);
    // Again: nothing to do. A supervisor's rejection is not a focal point's to change.
    await saveReview(db, { id: 's-00003', projectId: 'p-gao' }, { status: 'rejected' });
    const again = ['s-00001', 's-00003', 's-00004'].map((id) => ({ id, projectId: 'p-gao' }));
    expect(await verifyMany(db, again, 'focal_point')).toEqual({ verified: 1, skipped: 2 });
    expect((await db.reviews.get('s-00003'))?.status).toBe('rejected');
  });
});
