/**
 * Browser store figures on fake-indexeddb (a stand-in: Chromium's IndexedDB differs in absolute speed).
 * Applying pulled pages is measured with the sync figures (applyPull.ts).
 */
import 'fake-indexeddb/auto';
import { TerrainDb } from '../../src/app/db/TerrainDb';
import type { SubmissionRecord } from '../../src/app/db/schema';
import { defaultColumnKeys, tableColumns } from '../../src/app/components/dataTable/columns';
import '../../src/app/i18n/dataTableStrings';
import '../../src/app/i18n/pageStrings';
import { translator } from '../../src/app/i18n/translate';
import { buildRows, listFormTable, pageOf, readFormSource } from '../../src/app/repositories/formTable';
import { listSubmissions } from '../../src/app/repositories/submissions';
import { DEFAULT_QUERY } from '../../src/core/table/dataTable';
import { DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { N, pulledSubmissions } from './applyPull';
import { report, timeMs } from './report';
import { benchVault } from './vault';

export async function benchStore(): Promise<void> {
  const db = new TerrainDb('bench', `bench-list-${Date.now()}`);
  await db.open();
  try {
    const records = pulledSubmissions().map((s): SubmissionRecord => ({
      ...s,
      syncState: 'synced',
      origin: 'remote',
    }));
    for (let i = 0; i < N; i += 500) await db.submissions.bulkPut(records.slice(i, i + 500));
    const listMs = await timeMs(async () => {
      const page = await listSubmissions(db, { limit: 50 });
      if (page.length !== 50) throw new Error(`expected 50 rows, got ${page.length}`);
    });
    report('store.list_first_page_of_10k_ms', listMs.toFixed(1));
    await benchTable(db);
  } finally {
    db.close();
    await db.delete();
  }
  await benchVault();
}

/**
 * A form's data table over the same 10,000 submissions (pages/DataTable.tsx): its first page with the
 * default columns, and a page sorted by a question with a search. Each reads every row of the form (a sort
 * by any answer needs them all), so these are the figures to watch, not the 50 ms of the plain list; the page
 * pays it once per visit and per change of the data, and `store.table_query_ms` for each query after that.
 */
async function benchTable(db: TerrainDb): Promise<void> {
  const all = tableColumns(DEMO_FORM, 'fr', translator('fr'), (id) => id);
  const keys = new Set(defaultColumnKeys(all));
  const columns = all.filter((c) => keys.has(c.key));
  const request = { projectId: DEMO_PROJECT.id, formId: DEMO_FORM.id, columns, offset: 0, limit: 50 };
  const firstMs = await timeMs(async () => {
    const page = await listFormTable(db, { ...request, query: DEFAULT_QUERY });
    if (page.rows.length !== 50 || page.total !== N) throw new Error(`expected 50 of ${N} rows`);
  });
  report('store.table_first_page_of_10k_ms', firstMs.toFixed(1));
  const sortedMs = await timeMs(async () => {
    await listFormTable(db, { ...request, query: { ...DEFAULT_QUERY, sortColumn: 3, search: 'a' } });
  });
  report('store.table_sorted_searched_page_of_10k_ms', sortedMs.toFixed(1));

  // What the page does since the rows are kept in memory (hooks/useFormTable.ts): read and build once,
  // then each sort, filter, search or page change is served from the rows held. The figure is the mean of
  // such queries; before, each of them cost a full read (the figure above).
  const rows = buildRows(await readFormSource(db, DEMO_PROJECT.id, DEMO_FORM.id), columns);
  const queries = [
    { ...DEFAULT_QUERY, sortColumn: 3 },
    { ...DEFAULT_QUERY, sortColumn: 3, descending: true },
    { ...DEFAULT_QUERY, sortColumn: 3, search: 'a' },
    { ...DEFAULT_QUERY, sortColumn: 3, search: 'ab' },
    { ...DEFAULT_QUERY, status: 'none' as const },
    { ...DEFAULT_QUERY, search: 'a' },
  ];
  const start = performance.now();
  for (const [i, query] of queries.entries()) {
    const page = pageOf(rows, query, i * 50, 50);
    if (page.total !== N) throw new Error(`expected ${N} rows`);
  }
  const queryMs = performance.now() - start;
  report('store.table_query_ms', (queryMs / queries.length).toFixed(1));
}
