/**
 * Browser store figures on fake-indexeddb (a stand-in: Chromium's IndexedDB differs in absolute speed).
 * Applying pulled pages is measured with the sync figures (applyPull.ts).
 */
import 'fake-indexeddb/auto';
import { TerrainDb } from '../../src/app/db/TerrainDb';
import type { SubmissionRecord } from '../../src/app/db/schema';
import { listSubmissions } from '../../src/app/repositories/submissions';
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
  } finally {
    db.close();
    await db.delete();
  }
  await benchVault();
}
