import { Hono } from 'hono';
import { hasRole } from '../../core/records/user';
import { compactPullChange, PullQuery, PushRequest, rejectCodeFor } from '../../core/sync/protocol';
import { requireUser } from '../auth/session';
import { readJson, readQuery, readRawBody } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import { HttpError } from '../http/errors';
import type { ServerLimits } from '../limits/config';
import { rateLimit } from '../limits/rateLimit';
import type { Storage } from '../storage/Storage';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { importUnsynced } from '../sync/importUnsynced';
import { auditedDevice } from '../devices/refusal';
import { checkSessionDevice, recordPull } from '../devices/sessionDevice';
import { MAX_IMPORT_BYTES, readUnsyncedExport } from '../sync/readUnsyncedExport';

export function syncRoutes(storage: Storage, now: Clock, limits: ServerLimits): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/sync/*', requireUser(storage, now));
  // An import is a push of a whole file: it counts as one.
  const pushRate = rateLimit(storage, now, limits.rate, 'push');
  routes.use('/sync/push', pushRate);
  routes.use('/sync/import', pushRate);

  routes.post('/sync/push', async (c) => {
    const request = await readJson(c, PushRequest);
    const pushed = await auditedDevice(storage, now, c.var.client, () => {
      checkSessionDevice(c, request.clientId, 'push');
      return push(storage, c.var.user, request, now(), { client: c.var.client, caps: limits.rejected });
    });
    c.set('sync', { pushed: countResults(pushed.results) });
    // Reject codes newer than the client's protocol become `forbidden` (protocol.ts, rejectCodeFor).
    const response = {
      ...pushed,
      results: pushed.results.map((r) =>
        r.status === 'rejected' ? { ...r, code: rejectCodeFor(r.code, request.protocol) } : r,
      ),
    };
    if (request.protocol === 1) return c.json(response);
    // Protocol 2: results are named by seq alone, which spares a UUID per mutation on slow links.
    const results = response.results.map(({ mutationId: _mutationId, ...result }) => result);
    return c.json({ ...response, results });
  });

  /**
   * Applies an export file (gzip or JSON, the bytes as the device wrote them) as a push from its device, for
   * a supervisor of the file's projects or an admin. docs/sync-protocol.md, "Export and import".
   */
  routes.post('/sync/import', async (c) => {
    // Refused before reading a body that may be large.
    if (!hasRole(c.var.user.role, 'supervisor'))
      throw new HttpError('forbidden', 'Only supervisors and admins import export files');
    const file = await readUnsyncedExport(await readRawBody(c, MAX_IMPORT_BYTES));
    return c.json(
      await importUnsynced(storage, file, c.var.user, now(), { client: c.var.client, caps: limits.rejected }),
    );
  });

  routes.get('/sync/pull', async (c) => {
    const query = readQuery(c, PullQuery);
    if (query.clientId !== undefined)
      await auditedDevice(storage, now, c.var.client, () => recordPull(storage, c, query, now()));
    const page = await pull(storage, c.var.user, query);
    c.set('sync', { pulled: page.changes.length });
    if (query.protocol < 3) return c.json(page);
    // Protocol 3: no `op` on puts, no `id` equal to the record's own (docs/sync-protocol.md, "Pull").
    return c.json({ ...page, changes: page.changes.map(compactPullChange) });
  });

  return routes;
}

/** Results by status, for the metrics (terrain_sync_mutations_total). */
function countResults(results: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
