import type { PullChange, PullQuery, PullResponse } from '../../core/sync/protocol';
import type { StorageOps, UserRecord } from '../storage/Storage';

/** One page of the changes this user may see, after `cursor`. */
export async function pull(storage: StorageOps, user: UserRecord, query: PullQuery): Promise<PullResponse> {
  const scope = {
    userId: user.id,
    allProjects: user.role === 'admin',
    ownSubmissionsOnly: user.role === 'agent',
  };
  const rows = await storage.pullChanges(scope, query.cursor, query.limit);
  const changes: PullChange[] = rows.map((row) => ({
    table: row.tbl,
    id: row.id,
    serverSeq: row.serverSeq,
    op: row.deleted ? 'delete' : 'put',
    data: row.data,
  }));
  return {
    changes,
    cursor: rows.at(-1)?.serverSeq ?? query.cursor,
    hasMore: rows.length === query.limit,
  };
}
