import { describe, expect, it } from 'vitest';
import { saveIndicatorValue } from '../../../src/app/repositories/indicatorValues';
import type { Indicator } from '../../../src/core/records/indicator';
import { putServerRecord } from '../../../src/server/catalog';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import type { TestServer } from '../../server/harness';
import { useRealServer } from './useRealServer';

/**
 * Indicator values between real devices and the real server, on every backend: a focal point enters a value
 * offline, a supervisor approves it, and concurrent edits of one value merge field by field with the loser in
 * the conflict log. The devices write through the repository the indicator page uses.
 */

const INDICATOR: Indicator = {
  id: 'ind-households',
  projectId: DEMO_PROJECT.id,
  code: 'R1.1',
  title: { fr: 'Ménages assistés', en: 'Households assisted' },
  unit: 'ménages',
  measure: 'unit',
  direction: 'increase',
  disaggregations: [],
  baseline: { year: 2025, value: 0 },
  targets: [{ period: { start: '2026-01-01', end: '2026-02-28' }, value: 200 }],
  computation: null,
  deleted: false,
};

const IDENTITY = {
  indicatorId: INDICATOR.id,
  projectId: DEMO_PROJECT.id,
  periodStart: '2026-01-01',
  periodEnd: '2026-02-28',
  categories: {},
};

async function publishIndicator(server: TestServer) {
  await server.storage.transaction((tx) =>
    putServerRecord(tx, 'indicators', INDICATOR, null, server.clock.now),
  );
}

describe.each(backends)('indicator values against the real server ($name)', (backend) => {
  const t = useRealServer(backend, { setup: publishIndicator });

  it('a value entered offline by a focal point is approved by the supervisor; both devices end alike', async () => {
    const focal = await t.device('focal');
    const supervisor = await t.device('supervisor');
    expect(await focal.db.indicators.get(INDICATOR.id)).toMatchObject({ code: 'R1.1' });

    const entered = await saveIndicatorValue(
      focal.db,
      IDENTITY,
      { value: 180, comment: 'Rapport ADN' },
      'focal_point',
    );
    await focal.sync();
    expect(await focal.db.outbox.count()).toBe(0);

    await supervisor.sync();
    const seen = await supervisor.db.indicatorValues.get(entered!.id);
    expect(seen).toMatchObject({
      value: 180,
      comment: 'Rapport ADN',
      enteredBy: focal.userId,
      reviewStatus: null,
    });
    await saveIndicatorValue(supervisor.db, IDENTITY, { reviewStatus: 'approved' }, 'supervisor');
    await supervisor.sync();
    await focal.sync();

    for (const device of [focal, supervisor]) {
      const row = await device.db.indicatorValues.get(entered!.id);
      expect(row).toMatchObject({
        value: 180,
        reviewStatus: 'approved',
        reviewedBy: supervisor.userId,
        enteredBy: focal.userId,
      });
    }
  });

  it('two offline edits of one value merge per field; the overwritten value is in the conflict log', async () => {
    const focal = await t.device('focal');
    const supervisor = await t.device('supervisor');
    await saveIndicatorValue(focal.db, IDENTITY, { value: 150 }, 'focal_point', new Date(t.server.clock.now));
    await focal.sync();
    await supervisor.sync();

    // Both edit the same value without seeing each other's edit; the supervisor also flags it.
    // Device clocks near the server's (a clock far ahead is clamped to it, which would make a tie).
    const at = (ms: number) => new Date(t.server.clock.now.getTime() + ms);
    await saveIndicatorValue(focal.db, IDENTITY, { value: 160 }, 'focal_point', at(1000));
    await saveIndicatorValue(
      supervisor.db,
      IDENTITY,
      { value: 155, reviewStatus: 'has_issues', reviewComment: 'Écart' },
      'supervisor',
      at(2000),
    );
    await focal.sync();
    await supervisor.sync();
    await focal.sync();

    const [a, b] = await Promise.all([focal, supervisor].map((d) => d.db.indicatorValues.toArray()));
    expect(a).toHaveLength(1);
    expect(a![0]).toMatchObject({ value: 155, reviewStatus: 'has_issues', reviewComment: 'Écart' });
    expect(b![0]).toMatchObject({ value: 155, reviewStatus: 'has_issues' });
    const conflicts = await t.server.storage.listConflicts({ projects: 'all', state: 'all', limit: 10 });
    const lost = conflicts.find((c) => c.tbl === 'indicatorValues' && c.field === 'value');
    expect(lost).toMatchObject({ losing: { value: 160 }, winning: { value: 155 } });
  });
});
