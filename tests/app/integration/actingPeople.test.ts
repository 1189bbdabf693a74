import { beforeAll, describe, expect, it } from 'vitest';
import { personText } from '../../../src/app/components/personText';
import '../../../src/app/i18n/readingStrings';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import { listReviewHistory } from '../../../src/app/repositories/reviewEvents';
import { peopleById } from '../../../src/app/repositories/members';
import { saveReview } from '../../../src/app/repositories/reviews';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { leaveProjects } from '../../../src/server/users/commands';
import { backends } from '../../server/backends';
import { useRealServer } from './useRealServer';

/**
 * An admin who is no member of the project reviews a submission: the project's devices name them
 * ("Administratrice ADN (administrateur)"), not "un membre pas encore synchronisé".
 */
describe.each(backends)('people who act on a project without being its members ($name)', (backend) => {
  const t = useRealServer(backend, {
    setup: async (server) => {
      await leaveProjects(server.storage, 'admin', [DEMO_PROJECT.id], server.clock.now);
    },
  });
  beforeAll(() => loadDictionary('fr'));

  it('names the admin who verified a submission on the agent’s and the focal point’s devices', async () => {
    const agent = await t.device('agent');
    const sent = await agent.finalize();
    await agent.sync();
    const admin = await t.device('admin');
    const focal = await t.device('focal');
    await admin.sync();
    await saveReview(
      admin.db,
      { id: sent.id, projectId: sent.projectId },
      { status: 'verified', comment: 'Vu' },
      new Date(t.server.clock.now.getTime() + 1000),
    );
    await admin.sync();
    await agent.sync();
    await focal.sync();

    const fr = translator('fr');
    for (const device of [agent, focal]) {
      const [event] = await listReviewHistory(device.db, 'submissions', [sent.id]);
      expect(event?.by).toBe(admin.userId);
      const people = await peopleById(device.db);
      expect(personText(event?.by, people, fr)).toBe('Administratrice ADN (administrateur)');
      // Only the people of the device's projects: nobody of another project.
      expect([...people.values()].map((p) => p.username).sort()).toEqual([
        'admin',
        'agent',
        'agent2',
        'focal',
        'supervisor',
      ]);
    }
    // Without the admin's record, the device could only say it does not know them.
    expect(personText(admin.userId, new Map(), fr)).toBe('un membre pas encore synchronisé');
  });
});
