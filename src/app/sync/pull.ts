import { DEFAULT_PULL_LIMIT, PULL_TABLES } from '../../core/sync/protocol';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { TerrainDb } from '../db/TerrainDb';
import { getSyncMeta, updateSyncMeta } from '../repositories/syncMeta';
import { applyPullPage, type PullPageStats } from './applyPullPage';
import { APP_VERSION } from './appVersion';

/** Pulls page after page from the stored cursor until the server has nothing more. */
export async function pullChanges(
  db: TerrainDb,
  api: ApiClient,
  limit = DEFAULT_PULL_LIMIT,
  /** After each page is stored, with the number of changes it held. */
  onPage?: (stats: PullPageStats, received: number) => void,
): Promise<PullPageStats> {
  const total: PullPageStats = { applied: 0, invalid: 0, kept: 0, skipped: 0 };
  // An app that knows more tables than when it last pulled (an update) pulls again from the start, so it
  // gets the rows an older version skipped. Stored rows are replaced idempotently; pending changes are kept.
  const tables = PULL_TABLES.join(',');
  if ((await getSyncMeta(db)).pullTables !== tables)
    await updateSyncMeta(db, { cursor: 0, pullTables: tables });
  for (;;) {
    const { cursor, scope, clientId } = await getSyncMeta(db);
    // The device, its app's version and what it holds that the server does not (its outbox: changes waiting,
    // and changes refused that wait for the user) go along for the users and devices page.
    const unsent = String(await db.outbox.count());
    const page = await api.pull(cursor, limit, scope ?? 0, { clientId, appVersion: APP_VERSION, unsent });
    const stats = await applyPullPage(db, page);
    total.applied += stats.applied;
    total.invalid += stats.invalid;
    total.kept += stats.kept;
    total.skipped += stats.skipped;
    onPage?.(stats, page.changes.length);
    if (!page.hasMore) return total;
    // A server that says "more" without moving the cursor would keep us here forever.
    // (Back to 0 is the server's answer to a scope that grew: it comes once, with the new scope.)
    const restarted = page.cursor === 0 && page.scope !== undefined && page.scope !== scope;
    if (page.cursor <= cursor && !restarted)
      throw new ApiError(200, 'invalid_response', 'Pull cursor did not advance');
  }
}
