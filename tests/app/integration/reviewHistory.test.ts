import { describe, expect, it } from 'vitest';
import { saveIndicatorValue } from '../../../src/app/repositories/indicatorValues';
import { listReviewHistory } from '../../../src/app/repositories/reviewEvents';
import { saveReview } from '../../../src/app/repositories/reviews';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { putServerRecord } from '../../../src/server/catalog';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import { PASSWORD, type TestServer } from '../../server/harness';
import { useRealServer } from './useRealServer';

/**
 * The review history between real devices and the real server, on every backend: two focal points review
 * one submission offline, and after sync each device shows both actions, by whom, in order; the agent who
 * sent the submission sees them too. An indicator value's review keeps its history the same way.
 */

async function setup(server: TestServer) {
  await server.storage.transaction(async (tx) => {
    await createAccount(
      tx,
      {
        username: 'focal2',
        displayName: 'Second focal point',
        role: 'focal_point',
        password: PASSWORD,
        projectIds: [DEMO_PROJECT.id],
      },
      server.clock.now,
      TEST_PASSWORD_COST,
    );
    await putServerRecord(
      tx,
      'indicators',
      { id: 'ind-1', projectId: DEMO_PROJECT.id, code: 'R1', title: { fr: 'Ménages' } },
      null,
      server.clock.now,
    );
  });
}

describe.each(backends)('review history against the real server ($name)', (backend) => {
  const t = useRealServer(backend, { setup });
  const at = (ms: number) => new Date(t.server.clock.now.getTime() + ms);

  it('two focal points review one submission offline; every device shows both actions, by whom', async () => {
    const agent = await t.device('agent');
    const sent = await agent.finalize();
    await agent.sync();
    const first = await t.device('focal');
    const second = await t.device('focal2');
    await first.sync();
    await second.sync();

    const target = { id: sent.id, projectId: sent.projectId };
    await saveReview(first.db, target, { status: 'verified', comment: 'Vu sur place' }, at(1000));
    await saveReview(
      second.db,
      target,
      { status: 'has_issues', fieldComments: { age: 'Âge douteux' } },
      at(2000),
    );
    // Offline, each device shows its own action at once, not yet sent.
    expect(
      (await listReviewHistory(first.db, 'submissions', [sent.id])).map((e) => [e.status, e.sendState]),
    ).toEqual([['verified', 'unsent']]);

    await first.sync();
    await second.sync();
    await first.sync();
    await agent.sync();

    for (const device of [first, second, agent]) {
      const history = await listReviewHistory(device.db, 'submissions', [sent.id]);
      expect(history.map((e) => [e.status, e.comment, e.fieldComments, e.by, e.sendState])).toEqual([
        ['has_issues', null, { age: 'Âge douteux' }, second.userId, 'sent'],
        ['verified', 'Vu sur place', {}, first.userId, 'sent'],
      ]);
      expect(history.map((e) => e.byName)).toEqual(['Second focal point', expect.any(String)]);
    }
  });

  it('an indicator value keeps the history of its review', async () => {
    const focal = await t.device('focal');
    const supervisor = await t.device('supervisor');
    const identity = {
      indicatorId: 'ind-1',
      projectId: DEMO_PROJECT.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-02-28',
      categories: {},
    };
    const entered = await saveIndicatorValue(
      focal.db,
      identity,
      { value: 40, reviewStatus: 'verified' },
      'focal_point',
    );
    await focal.sync();
    await supervisor.sync();
    await saveIndicatorValue(
      supervisor.db,
      identity,
      { reviewStatus: 'approved', reviewComment: 'OK' },
      'supervisor',
    );
    await supervisor.sync();
    await focal.sync();
    const history = await listReviewHistory(focal.db, 'indicatorValues', [entered!.id]);
    expect(history.map((e) => [e.status, e.by])).toEqual([
      ['approved', supervisor.userId],
      ['verified', focal.userId],
    ]);
  });
});
