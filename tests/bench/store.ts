/**
 * Browser store figures on fake-indexeddb (a stand-in: Chromium's IndexedDB differs in absolute speed, so
 * the ratio to a raw bulkPut is the figure to watch).
 */
import 'fake-indexeddb/auto';
import { TerrainDb } from '../../src/app/db/TerrainDb';
import { listSubmissions } from '../../src/app/repositories/submissions';
import { applyPullPage } from '../../src/app/sync/applyPullPage';
import type { PullChange } from '../../src/core/sync/protocol';
import { report, timeMs } from './report';

const N = 10_000;
const PAGE = 500;

function submission(i: number) {
  return {
    id: `sub-${String(i).padStart(6, '0')}`,
    createdBy: 'user-other',
    formId: 'household_survey',
    formVersion: '2026-11-23',
    projectId: 'synergie-nord-gao',
    data: {
      respondent_name: `Répondant ${i}`,
      household_size: (i % 12) + 1,
      head_sex: i % 2 ? 'female' : 'male',
    },
    startedAt: new Date(1_763_900_000_000 + i * 60_000).toISOString(),
    finalizedAt: new Date(1_763_900_000_000 + i * 60_000 + 30_000).toISOString(),
    replaces: null,
  };
}

export async function benchStore(): Promise<void> {
  const rows = Array.from({ length: N }, (_, i) => submission(i));

  const raw = new TerrainDb('bench', `bench-raw-${Date.now()}`);
  await raw.open();
  const rawMs = await timeMs(async () => {
    for (let i = 0; i < N; i += PAGE) {
      const page = rows
        .slice(i, i + PAGE)
        .map((s) => ({ ...s, syncState: 'synced' as const, origin: 'remote' as const }));
      await raw.submissions.bulkPut(page);
    }
  });

  const db = new TerrainDb('bench', `bench-apply-${Date.now()}`);
  await db.open();
  const applyMs = await timeMs(async () => {
    for (let i = 0; i < N; i += PAGE) {
      const changes: PullChange[] = rows.slice(i, i + PAGE).map((s, j) => ({
        table: 'submissions',
        id: s.id,
        serverSeq: i + j + 1,
        op: 'put',
        data: s,
      }));
      await applyPullPage(db, { changes, cursor: i + PAGE, hasMore: i + PAGE < N });
    }
  });

  const listMs = await timeMs(async () => {
    const page = await listSubmissions(db, { limit: 50 });
    if (page.length !== 50) throw new Error(`expected 50 rows, got ${page.length}`);
  });

  report('store.raw_bulkput_10k_ms', rawMs.toFixed(0));
  report('store.apply_10k_pulled_ms', applyMs.toFixed(0));
  report('sync.apply_10k_per_bulkput', (applyMs / rawMs).toFixed(2));
  report('store.list_first_page_of_10k_ms', listMs.toFixed(1));
  raw.close();
  db.close();
}
