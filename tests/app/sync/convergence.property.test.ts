import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../fakeServer';
import { createHarness } from './harness';

type Step = { kind: 'finalize'; members: number } | { kind: 'sync'; faults: Fault[] };

const fault: fc.Arbitrary<Fault> = fc.constantFrom<Fault>(
  { kind: 'pass' },
  { kind: 'request_lost' },
  { kind: 'response_lost' },
  { kind: 'status', status: 500 },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('finalize' as const), members: fc.integer({ min: 1, max: 60 }) }),
  // Faults for the next few requests of the sync (push batches and pull pages alike).
  fc.record({ kind: fc.constant('sync' as const), faults: fc.array(fault, { maxLength: 4 }) }),
);

describe('sync convergence', () => {
  it('any interleaving of finalizes, faulty syncs and a final clean sync delivers every submission exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        // Batches of 2 so that faults also land between batches of one push.
        const h = await createHarness({ maxBatchMutations: 2 });
        try {
          const finalized: string[] = [];
          for (const s of steps) {
            if (s.kind === 'finalize') {
              finalized.push((await h.finalize(s.members)).id);
            } else {
              // One entry per request, in order; requests beyond the list go through.
              h.server.faults = [...s.faults];
              await h.engine.syncNow();
              h.server.faults = [];
            }
          }
          await h.engine.syncNow();

          expect(h.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
          expect(await h.db.outbox.count()).toBe(0);
          expect([...h.server.submissions.keys()].sort()).toEqual([...finalized].sort());
          for (const id of finalized) expect(h.server.applyCounts.get(id)).toBe(1);
          const local = await h.db.submissions.toArray();
          expect(local.every((s) => s.syncState === 'synced' && s.origin === 'local')).toBe(true);
        } finally {
          await h.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
