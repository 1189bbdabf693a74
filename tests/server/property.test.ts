import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/core/sync/protocol';
import { backends } from './backends';
import { newClientId, setupServer, submission, type TestServer } from './harness';

describe.each(backends)('push replays on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('never applies a seq twice and ends with lastSeq = the highest seq', async () => {
    const scenario = fc.record({
      total: fc.integer({ min: 1, max: 12 }),
      batches: fc.array(fc.record({ from: fc.nat(15), length: fc.integer({ min: 1, max: 5 }) }), {
        maxLength: 8,
      }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ total, batches }) => {
        const clientId = newClientId();
        const mutations = new Map<number, Mutation>();
        for (let seq = 1; seq <= total; seq++) mutations.set(seq, submission(clientId, seq));
        const applied = new Map<number, number>();
        let lastSeq = 0;
        let replay = 0;

        const send = async (from: number, to: number) => {
          replay++;
          // A replay carries different answers: were the seq check to fail, it would surface as
          // `rejected: immutable` instead of `duplicate`.
          const batch = [];
          for (let seq = from; seq <= to; seq++) {
            const m = mutations.get(seq)!;
            batch.push({
              ...m,
              fields: { ...m.fields, data: { ...(m.fields.data as object), household_size: replay } },
            });
          }
          const { status, body } = await server.push('agent', clientId, batch);
          if (from > lastSeq + 1) {
            expect(status).toBe(409);
            expect(body.error?.details).toEqual({ expectedSeq: lastSeq + 1 });
            return;
          }
          expect(status).toBe(200);
          for (const result of body.results) {
            expect(result.status).toBe(result.seq <= lastSeq ? 'duplicate' : 'applied');
            if (result.status === 'applied') applied.set(result.seq, (applied.get(result.seq) ?? 0) + 1);
          }
          lastSeq = Math.max(lastSeq, to);
          expect(body.lastSeq).toBe(lastSeq);
        };

        for (const { from, length } of batches) {
          const start = Math.min(from + 1, total);
          await send(start, Math.min(start + length - 1, total));
        }
        if (lastSeq < total) await send(lastSeq + 1, total);
        await send(1, total);

        expect(lastSeq).toBe(total);
        expect([...applied.keys()].sort((a, b) => a - b)).toEqual([...mutations.keys()]);
        expect([...applied.values()].every((n) => n === 1)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
