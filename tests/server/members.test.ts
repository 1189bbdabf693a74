import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../src/core/hlc';
import { Member } from '../../src/core/records/member';
import type { PullResponse } from '../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { leaveProjects, setUserRole } from '../../src/server/users/commands';
import { backends } from './backends';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from './harness';

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

  it('names to a project’s devices an admin who acted on its records without being its member, and only there', async () => {
    await leaveProjects(server.storage, 'admin', [DEMO_PROJECT.id], server.clock.now);
    const agentClient = newClientId();
    const sent = submission(agentClient, 1);
    await server.push('agent', agentClient, [sent]);
    const seen = await server.pull('agent', 0, 1000);
    expect(members(seen.changes).map((m) => m.username)).not.toContain('admin');

    // The admin, member of no project now, verifies the agent's submission.
    const adminClient = newClientId();
    const { body } = await server.push('admin', adminClient, [
      {
        mutationId: randomUUID(),
        clientId: adminClient,
        seq: 1,
        hlc: encodeHlc({ wall: server.clock.now.getTime(), counter: 0, node: adminClient }),
        table: 'reviews',
        id: sent.id,
        op: 'put',
        fields: { submissionId: sent.id, projectId: DEMO_PROJECT.id, status: 'verified', comment: '' },
      },
    ]);
    expect(body.results).toMatchObject([{ status: 'applied' }]);
    const after = await server.pull('agent', seen.cursor, 1000);
    expect(members(after.changes)).toEqual([
      expect.objectContaining({
        projectId: DEMO_PROJECT.id,
        username: 'admin',
        displayName: 'Administratrice ADN',
        role: 'admin',
      }),
    ]);
    // Named once: a second act sends nothing new.
    const again = await server.push('admin', adminClient, [
      {
        mutationId: randomUUID(),
        clientId: adminClient,
        seq: 2,
        hlc: encodeHlc({ wall: server.clock.now.getTime() + 1, counter: 0, node: adminClient }),
        table: 'reviews',
        id: sent.id,
        op: 'put',
        fields: { submissionId: sent.id, projectId: DEMO_PROJECT.id, comment: 'Vu' },
      },
    ]);
    expect(again.body.results).toMatchObject([{ status: 'applied' }]);
    expect(members((await server.pull('agent', after.cursor, 1000)).changes)).toEqual([]);
    // Never to another project's devices.
    expect(members(await server.pullAll('outsider')).map((m) => m.username)).toEqual(['outsider']);
    // A later change of their role reaches the project they acted on.
    const before = await server.pull('agent', 0, 1000);
    await setUserRole(server.storage, 'admin', 'supervisor', server.clock.now);
    expect(members((await server.pull('agent', before.cursor, 1000)).changes)).toEqual([
      expect.objectContaining({ username: 'admin', role: 'supervisor', projectId: DEMO_PROJECT.id }),
    ]);
  });
});
