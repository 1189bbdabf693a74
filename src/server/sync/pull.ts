import type { PullChange, PullQuery, PullResponse } from '../../core/sync/protocol';
import type { FieldValue } from '../../core/sync/merge';
import type { PullScope, StorageOps, UserRecord } from '../storage/Storage';

function clocksOf(state: Record<string, FieldValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(state).map(([path, field]) => [path, field.hlc]));
}

/**
 * The id an app of before forms were keyed by project knows a form version by, `<formId>@<version>`: it
 * stores a form only under the id it computes, and would skip the others. Such an app sees one version per
 * form id and version (its projects' own, unless one of its user's projects reuses another's form id) until
 * it updates, and the update renames what it holds (Dexie version 8).
 */
function legacyFormKey(id: string, data: Record<string, unknown> | null): string {
  const { formId, version } = data ?? {};
  return typeof formId === 'string' && typeof version === 'string' ? `${formId}@${version}` : id;
}

/** What `user` may pull (and download the files of): admins every project, agents their own submissions. */
export function pullScope(user: UserRecord): PullScope {
  return { userId: user.id, allProjects: user.role === 'admin', ownSubmissionsOnly: user.role === 'agent' };
}

/**
 * One page of the changes this user may see, after `cursor`. A device that pulled before the user joined a
 * project (its `scope` is older) is sent back to cursor 0: the project's records below its cursor were
 * never sent to it. Admins see every project: their scope never grows.
 */
export async function pull(storage: StorageOps, user: UserRecord, query: PullQuery): Promise<PullResponse> {
  const scope = user.role === 'admin' ? 0 : await storage.scopeSeq(user.id);
  if (query.scope !== undefined && query.scope < scope && query.cursor > 0)
    return { changes: [], cursor: 0, hasMore: true, scope };
  const rows = await storage.pullChanges(pullScope(user), query.cursor, query.limit);
  const changes: PullChange[] = rows.map((row) => ({
    table: row.tbl,
    id: row.id,
    serverSeq: row.serverSeq,
    op: row.deleted ? 'delete' : 'put',
    data: row.data,
    // Only versions need their order on the device (a first version is never compared), so the others
    // spend no bytes on it.
    ...(row.tbl === 'submissions' && typeof row.data?.replaces === 'string' ? { hlc: row.hlc } : {}),
    // A mergeable record comes with the clock of each field: the base of the device's next edit.
    ...(row.fieldState ? { clocks: clocksOf(row.fieldState) } : {}),
    ...(row.tbl === 'forms' && query.formKeys === undefined ? { id: legacyFormKey(row.id, row.data) } : {}),
  }));
  return {
    changes,
    cursor: rows.at(-1)?.serverSeq ?? query.cursor,
    hasMore: rows.length === query.limit,
    scope,
  };
}
