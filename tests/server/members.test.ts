import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Member } from '../../src/core/records/member';
import type { PullResponse } from '../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { leaveProjects, setUserRole } from '../../src/server/users/commands';
import { backends } from './backends';
import { OTHER_PROJECT, setupServer, type TestServer } from './harness';

/**
 * The `members` table: the people of a user's projects reach their device (name and role), and only those:
 * a member of project A never receives project B's members.
 */
describe.each(backends)('members records, on $name', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  const members = (changes: PullResponse['changes']) =>
    changes.filter((c) => c.table === 'members' && c.op === 'put').map((c) => Member.parse(c.data));

  it("sends a project's members to its members, with their names and roles", async () => {
    const got = members(await server.pullAll('agent'));
    expect(got.every((m) => m.projectId === DEMO_PROJECT.id)).toBe(true);
    const byName = new Map(got.map((m) => [m.username, m]));
    expect(byName.get('focal')?.role).toBe('focal_point');
    expect(byName.get('focal')?.displayName).not.toBe('');
    expect(byName.get('agent2')).toMatchObject({ role: 'agent', displayName: 'agent2' });
    expect(byName.has('outsider')).toBe(false);
  });

  it("never sends another project's members", async () => {
    for (const username of ['agent', 'focal', 'supervisor']) {
      const got = members(await server.pullAll(username));
      expect(got.map((m) => m.username)).not.toContain('outsider');
      expect(got.some((m) => m.projectId === OTHER_PROJECT)).toBe(false);
    }
    const outsider = members(await server.pullAll('outsider'));
    expect(outsider.map((m) => m.username)).toEqual(['outsider']);
    expect(outsider.every((m) => m.projectId === OTHER_PROJECT)).toBe(true);
  });

  it('sends a role change and the end of a membership after the cursor', async () => {
    const before = await server.pull('agent', 0, 1000);
    await setUserRole(server.storage, 'agent2', 'focal_point', server.clock.now);
    const after = await server.pull('agent', before.cursor, 1000);
    expect(members(after.changes)).toEqual([
      expect.objectContaining({ username: 'agent2', role: 'focal_point' }),
    ]);

    await leaveProjects(server.storage, 'agent2', [DEMO_PROJECT.id], server.clock.now);
    const left = await server.pull('agent', after.cursor, 1000);
    expect(left.changes).toEqual([expect.objectContaining({ table: 'members', op: 'delete', data: null })]);
  });
});
