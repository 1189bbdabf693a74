import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/core/sync/protocol';
import { AccountError, joinProjects } from '../../src/server/accounts';
import { publishProject } from '../../src/server/catalog';
import { backends } from './backends';
import { setupServer, type TestServer } from './harness';

/**
 * A user who joins a project after their device pulled must still get the project's earlier records: their
 * device's cursor is past them. The pull's `scope` sends such a device back to 0, once.
 */
describe.each(backends)('pull scope after joining a project, on $name', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function pullScoped(username: string, cursor: number, scope?: number): Promise<PullResponse> {
    const query = `cursor=${cursor}&limit=500${scope === undefined ? '' : `&scope=${scope}`}`;
    const res = await server.request(`/api/sync/pull?${query}`, { token: await server.login(username) });
    expect(res.status).toBe(200);
    return (await res.json()) as PullResponse;
  }
  const projectIds = (page: PullResponse) =>
    page.changes.filter((c) => c.table === 'projects').map((c) => c.id);

  it('sends a device that pulled before the join back to 0, once, and then the project', async () => {
    const at = server.clock.now;
    const first = await pullScoped('supervisor', 0, 0);
    expect(first.hasMore).toBe(false);
    // An admin creates a project (its record is now below the supervisor's next cursor)…
    await server.storage.transaction((tx) =>
      publishProject(
        tx,
        { id: 'nouveau', code: 'NV-1', title: { fr: 'Nouveau' }, organisationId: null, status: 'active' },
        null,
        at,
      ),
    );
    const later = await pullScoped('supervisor', first.cursor, first.scope);
    expect(projectIds(later)).toEqual([]);
    // …and only then makes the supervisor a member.
    expect(await server.storage.transaction((tx) => joinProjects(tx, 'supervisor', ['nouveau'], at))).toEqual(
      ['nouveau'],
    );

    const restart = await pullScoped('supervisor', later.cursor, later.scope);
    expect(restart).toMatchObject({ changes: [], cursor: 0, hasMore: true });
    expect(restart.scope).toBeGreaterThan(later.scope ?? 0);
    const again = await pullScoped('supervisor', 0, restart.scope);
    expect(projectIds(again)).toContain('nouveau');
    expect(again.scope).toBe(restart.scope);
    // With the new scope stored, the next pull goes on from its cursor.
    const next = await pullScoped('supervisor', again.cursor, again.scope);
    expect(next).toMatchObject({ changes: [], cursor: again.cursor, hasMore: false });
  });

  it('joining again changes nothing; older devices (no scope) and admins are never sent back', async () => {
    const at = server.clock.now;
    const before = await pullScoped('supervisor', 0, 0);
    expect(await server.storage.transaction((tx) => joinProjects(tx, 'supervisor', ['nouveau'], at))).toEqual(
      [],
    );
    expect((await pullScoped('supervisor', before.cursor, before.scope)).cursor).toBe(before.cursor);

    await server.storage.transaction((tx) => joinProjects(tx, 'focal', ['nouveau'], at));
    const legacy = await pullScoped('focal', 5);
    expect(legacy.cursor).toBeGreaterThan(0);
    const admin = await pullScoped('admin', 5, 0);
    expect(admin.scope).toBe(0);
    expect(admin.cursor).toBeGreaterThan(5);
  });

  it('refuses an unknown account or project with a clear message', async () => {
    const at = server.clock.now;
    await expect(
      server.storage.transaction((tx) => joinProjects(tx, 'nobody', ['nouveau'], at)),
    ).rejects.toThrow(new AccountError('No account named nobody'));
    await expect(
      server.storage.transaction((tx) => joinProjects(tx, 'focal', ['nowhere'], at)),
    ).rejects.toThrow('Unknown project nowhere');
  });
});
