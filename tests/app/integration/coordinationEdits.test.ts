import { describe, expect, it } from 'vitest';
import { projectChangeOf, projectFormValues } from '../../../src/app/components/edit/projectFormValues';
import { listRejected } from '../../../src/app/repositories/outbox';
import { saveProject } from '../../../src/app/repositories/projectEdits';
import { createAccount, joinProjects } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import { PASSWORD, type TestServer } from '../../server/harness';
import type { Device } from './realServer';
import { useRealServer } from './useRealServer';

/**
 * The project edit page's writes between real devices and the real server, on every backend: two
 * supervisors edit different fields of one project offline and both edits survive the merge; a write the
 * server refuses stays on the device, in "needs attention".
 */

async function addSecondSupervisor(server: TestServer) {
  await server.storage.transaction((tx) =>
    createAccount(
      tx,
      {
        username: 'supervisor2',
        displayName: 'Second supervisor',
        role: 'supervisor',
        password: PASSWORD,
        projectIds: [DEMO_PROJECT.id],
      },
      server.clock.now,
      TEST_PASSWORD_COST,
    ),
  );
}

/** The demo project as the device shows it, edited through the form's values as the page does. */
async function editProject(
  device: Device,
  edit: (values: ReturnType<typeof projectFormValues>) => void,
  at: Date,
) {
  const shown = await device.db.projects.get(DEMO_PROJECT.id);
  if (!shown) throw new Error('The demo project is not on the device');
  const values = projectFormValues(shown);
  edit(values);
  await saveProject(device.db, shown.id, projectChangeOf(values, shown), 'supervisor', at);
}

describe.each(backends)('project edits against the real server ($name)', (backend) => {
  const t = useRealServer(backend, { setup: addSecondSupervisor });
  // Device clocks near the server's (a clock far ahead is clamped to it).
  const at = (ms: number) => new Date(t.server.clock.now.getTime() + ms);

  it('one supervisor retitles the project while another adds a budget line offline; both edits survive', async () => {
    const first = await t.device('supervisor');
    const second = await t.device('supervisor2');
    const before = (await first.db.projects.get(DEMO_PROJECT.id))!;

    await editProject(first, (v) => (v.title.en = 'Northern Synergy, Gao (phase 2)'), at(1000));
    await editProject(
      second,
      (v) =>
        v.budgets.push({
          periodStart: '2027-01-01',
          periodEnd: '2027-12-31',
          value: '25000000',
          currency: 'XOF',
          type: 'revised',
        }),
      at(2000),
    );
    await first.sync();
    await second.sync();
    await first.sync();

    for (const device of [first, second]) {
      expect(await device.db.outbox.count()).toBe(0);
      const project = await device.db.projects.get(DEMO_PROJECT.id);
      expect(project?.title).toEqual({ ...before.title, en: 'Northern Synergy, Gao (phase 2)' });
      expect(project?.budgets).toHaveLength(before.budgets.length + 1);
      expect(project?.budgets.at(-1)).toMatchObject({ value: 25_000_000, type: 'revised' });
    }
    // Different fields: nothing was overwritten, so nothing is in the conflict log.
    const conflicts = await t.server.storage.listConflicts({ projects: 'all', state: 'all', limit: 10 });
    expect(conflicts.filter((c) => c.tbl === 'projects')).toEqual([]);
  });

  it('a project created by someone the server does not let create one stays visible, in "needs attention"', async () => {
    const device = await t.device('supervisor');
    const shown = (await device.db.projects.get(DEMO_PROJECT.id))!;
    // As an account demoted from admin would: the device still believes it may create projects.
    const change = { ...projectChangeOf(projectFormValues(shown), shown), code: 'ML-NEW-01' };
    const created = await saveProject(device.db, null, change, 'admin', at(1000));
    await device.sync();

    const [rejected] = await listRejected(device.db);
    expect(rejected).toMatchObject({
      table: 'projects',
      id: created.id,
      state: 'rejected',
      rejection: { code: 'forbidden' },
    });
    expect(await device.db.projects.get(created.id)).toMatchObject({ code: 'ML-NEW-01' });
  });

  it('a supervisor who joins a project created after their last sync gets it', async () => {
    const admin = await t.device('admin');
    const supervisor = await t.device('supervisor');
    await admin.sync();
    await supervisor.sync();
    const shown = (await admin.db.projects.get(DEMO_PROJECT.id))!;
    const change = { ...projectChangeOf(projectFormValues(shown), shown), code: 'ML-NEW-02' };
    const created = await saveProject(admin.db, null, change, 'admin', at(1000));
    await admin.sync();
    // The supervisor syncs past the new project's records before being let in: they are not theirs yet.
    await supervisor.finalize();
    await supervisor.sync();
    expect(await supervisor.db.projects.get(created.id)).toBeUndefined();

    await t.server.storage.transaction((tx) =>
      joinProjects(tx, 'supervisor', [created.id], t.server.clock.now),
    );
    await supervisor.sync();
    expect(await supervisor.db.projects.get(created.id)).toMatchObject({ code: 'ML-NEW-02' });
    expect(await supervisor.db.outbox.count()).toBe(0);
  });
});
