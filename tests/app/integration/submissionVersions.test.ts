import { describe, expect, it } from 'vitest';
import { startCorrection } from '../../../src/app/repositories/corrections';
import { finalizeDraft } from '../../../src/app/repositories/drafts';
import { listSubmissions } from '../../../src/app/repositories/submissions';
import { DEMO_ANSWERS } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import type { Device } from './realServer';
import { useRealServer } from './useRealServer';

/**
 * Corrections through the real sync engine and server: an agent's submission corrected offline on two
 * devices at once ends with every device and the server agreeing on the current version, and nothing lost.
 */
describe.each(backends)('submission versions against the real server on $name', (backend) => {
  const t = useRealServer(backend);

  async function correct(d: Device, id: string, household_size: number) {
    const draft = await startCorrection(d.db, id);
    return finalizeDraft(d.db, draft.id, {
      userId: d.userId,
      lang: 'fr',
      answers: { ...draft.answers, household_size },
    });
  }

  it('agrees on the current version after two concurrent corrections', async () => {
    const agent = await t.device('agent');
    const original = await agent.finalize({ ...DEMO_ANSWERS });
    await agent.sync();

    const focal = await t.device('focal');
    const supervisor = await t.device('supervisor');
    // Both correct the same version before either syncs.
    const byFocal = await correct(focal, original.id, 8);
    const bySupervisor = await correct(supervisor, original.id, 9);
    for (const d of [focal, supervisor, agent, focal, supervisor]) await d.sync();
    for (const d of [focal, supervisor, agent]) expect(d.engine.getStatus().phase, d.username).toBe('idle');

    const stored = new Map(
      (await t.server.storage.getSubmissionVersions([original.id, byFocal.id, bySupervisor.id])).map((v) => [
        v.id,
        v,
      ]),
    );
    const current = stored.get(original.id)!.supersededBy!;
    const loser = current === byFocal.id ? bySupervisor.id : byFocal.id;
    expect([byFocal.id, bySupervisor.id]).toContain(current);
    expect(stored.get(loser)).toMatchObject({ supersededBy: current, conflicting: true });

    for (const d of [agent, focal, supervisor]) {
      const listed = (await listSubmissions(d.db)).map((s) => s.id);
      expect(listed, d.username).toEqual([current]);
      expect(await d.db.submissions.get(current), d.username).toMatchObject({ versionConflicts: 1 });
      expect(await d.db.submissions.get(loser), d.username).toMatchObject({ versionState: 'conflicting' });
      expect(await d.db.submissions.get(original.id), d.username).toMatchObject({
        versionState: 'superseded',
        data: { household_size: DEMO_ANSWERS.household_size },
      });
    }
  });
});
