import { DEFAULT_PULL_LIMIT } from '../../core/sync/protocol';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { TerrainDb } from '../db/TerrainDb';
import { getSyncMeta } from '../repositories/syncMeta';
import { applyPullPage, type PullPageStats } from './applyPullPage';

/** Pulls page after page from the stored cursor until the server has nothing more. */
export async function pullChanges(
  db: TerrainDb,
  api: ApiClient,
  limit = DEFAULT_PULL_LIMIT,
  onPage?: (stats: PullPageStats) => void,
): Promise<PullPageStats> {
  const total: PullPageStats = { applied: 0, invalid: 0, kept: 0 };
  for (;;) {
    const { cursor } = await getSyncMeta(db);
    const page = await api.pull(cursor, limit);
    const stats = await applyPullPage(db, page);
    total.applied += stats.applied;
    total.invalid += stats.invalid;
    total.kept += stats.kept;
    onPage?.(stats);
    if (!page.hasMore) return total;
    // A server that says "more" without moving the cursor would keep us here forever.
    if (page.cursor <= cursor) throw new ApiError(200, 'invalid_response', 'Pull cursor did not advance');
  }
}
