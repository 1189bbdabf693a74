import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubmissionRecord } from '../../../src/app/db/schema';
import { SYNC_INTERVAL_MS } from '../../../src/app/sync/SyncEngine';
import { backends } from '../../server/backends';
import {
  createDevice,
  demoAnswers,
  queueInvalidSubmission,
  serverLastSeq,
  serverView,
  startServer,
  unpublishedForm,
  withoutLocalState,
  type Device,
  type Fault,
} from './realServer';
import { useRealServer } from './useRealServer';

/**
 * The browser sync engine against the REAL server (Hono app, Kysely storage, demo seed), on every backend:
 * nothing lost, nothing doubled, rejections kept visible, whatever the network does in between.
 */

/** Batches of 2, so that faults also land between the batches of one push. */
const BATCH = 2;

const sortIds = (records: { id: string }[]) => records.map((r) => r.id).sort();

async function byId(device: Device): Promise<Map<string, SubmissionRecord>> {
  return new Map((await device.db.submissions.toArray()).map((s) => [s.id, s]));
}

describe.each(backends)('sync engine against the real server ($name)', (backend) => {
  const t = useRealServer(backend, { engine: { maxBatchMutations: BATCH } });

  it('an agent finalizes and syncs; the focal point pulls the very same submissions', async () => {
    const agent = await t.device('agent');
    const focal = await t.device('focal');
    const agent2 = await t.device('agent2');
    expect(await agent.db.forms.count()).toBe(1);

    const made: SubmissionRecord[] = [];
    for (let n = 0; n < 5; n += 1) made.push(await agent.finalize(demoAnswers(n)));
    expect(agent.engine.getStatus().phase).toBe('idle');
    await agent.sync();

    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
    expect(await agent.db.outbox.count()).toBe(0);
    const mine = await byId(agent);
    expect([...mine.keys()].sort()).toEqual(sortIds(made));
    for (const s of mine.values()) expect(s).toMatchObject({ syncState: 'synced', origin: 'local' });

    const view = await serverView(t.server.storage);
    expect([...view.submissions.keys()].sort()).toEqual(sortIds(made));
    for (const [id, entity] of view.submissions) {
      expect(view.creations.get(id)).toBe(1);
      expect(entity.createdBy).toBe(agent.userId);
      const local = mine.get(id);
      expect(local && withoutLocalState(local)).toEqual(entity.data);
    }
    expect(await serverLastSeq(t.server.storage, await agent.clientId(), agent.userId)).toBe(5);

    await focal.sync();
    const seen = await byId(focal);
    expect([...seen.keys()].sort()).toEqual(sortIds(made));
    for (const [id, s] of seen) {
      expect(s).toMatchObject({ syncState: 'synced', origin: 'remote' });
      expect(withoutLocalState(s)).toEqual(view.submissions.get(id)?.data);
    }

    // Pulling its own submissions back neither duplicates nor disturbs them on the agent's device.
    await agent.sync();
    expect(await byId(agent)).toEqual(mine);
    // Another agent of the project sees none of them.
    await agent2.sync();
    expect(await agent2.db.submissions.count()).toBe(0);
  }, 60_000);

  it('a rejected mutation stays visible on the device and on the server, also when its answer was lost', async () => {
    const agent = await t.device('agent');
    const focal = await t.device('focal');
    await agent.db.forms.put(unpublishedForm());

    const unknownForm = await agent.finalize(demoAnswers(1), unpublishedForm());
    const invalidId = await queueInvalidSubmission(agent);
    const valid = await agent.finalize(demoAnswers(2));

    // The first batch (the two bad ones) is processed and committed; its answer is lost.
    await agent.sync({ push: [{ kind: 'response_lost' }] });
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'offline', pending: 3, rejected: 0 });
    const clientId = await agent.clientId();
    expect(await t.server.storage.listRejected(clientId)).toHaveLength(2);

    // The replay is answered `rejected` again, not `duplicate`: the device must not forget them.
    await agent.sync();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 2 });
    const outbox = await agent.db.outbox.toArray();
    expect(outbox.map((e) => [e.id, e.state, e.rejection?.code])).toEqual([
      [unknownForm.id, 'rejected', 'unknown_form'],
      [invalidId, 'rejected', 'validation'],
    ]);
    const local = await byId(agent);
    expect(local.get(unknownForm.id)?.syncState).toBe('rejected');
    expect(local.get(invalidId)?.syncState).toBe('rejected');
    expect(local.get(valid.id)?.syncState).toBe('synced');

    // The server kept each refused mutation once, with its full payload.
    const stored = await t.server.storage.listRejected(clientId);
    // Named by seq: protocol 3 devices send no mutationId.
    expect(stored.map((r) => [r.seq, r.code])).toEqual(outbox.map((e) => [e.seq, e.rejection?.code]));
    for (const [i, r] of stored.entries()) {
      expect(r.payload).toMatchObject({ id: outbox[i]?.id, fields: outbox[i]?.fields });
    }
    const view = await serverView(t.server.storage);
    expect([...view.submissions.keys()]).toEqual([valid.id]);

    // Later syncs leave them in the "needs attention" list; nobody else ever sees them.
    await agent.sync();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 2 });
    expect(await t.server.storage.listRejected(clientId)).toHaveLength(2);
    await focal.sync();
    expect([...(await byId(focal)).keys()]).toEqual([valid.id]);
  }, 60_000);

  describe('one fault on the first push batch, then a clean sync', () => {
    interface Case {
      name: string;
      fault: Fault;
      phase: 'offline' | 'error';
      code: string;
      /** Whether the server applied the batch before the fault. */
      committed: boolean;
    }
    const cases: Case[] = [
      {
        name: 'request lost',
        fault: { kind: 'request_lost' },
        phase: 'offline',
        code: 'network',
        committed: false,
      },
      {
        name: 'response lost after commit',
        fault: { kind: 'response_lost' },
        phase: 'offline',
        code: 'network',
        committed: true,
      },
      {
        name: '500 from a proxy',
        fault: { kind: 'status', status: 500 },
        phase: 'error',
        code: 'http_500',
        committed: false,
      },
      {
        name: '503 after the server committed',
        fault: { kind: 'status', status: 503, afterCommit: true },
        phase: 'error',
        code: 'http_503',
        committed: true,
      },
      {
        name: '429 with Retry-After',
        fault: { kind: 'status', status: 429, retryAfter: '30' },
        phase: 'error',
        code: 'http_429',
        committed: false,
      },
      {
        name: 'request body cut mid-way',
        fault: { kind: 'request_truncated' },
        phase: 'error',
        code: 'bad_request',
        committed: false,
      },
      {
        name: 'response body cut mid-way',
        fault: { kind: 'response_truncated' },
        phase: 'error',
        code: 'invalid_response',
        committed: true,
      },
    ];

    it.each(cases)(
      '$name',
      async ({ fault, phase, code, committed }) => {
        const agent = await t.device('agent');
        const made: SubmissionRecord[] = [];
        for (let n = 0; n < 3; n += 1) made.push(await agent.finalize(demoAnswers(n)));
        const clientId = await agent.clientId();

        await agent.sync({ push: [fault] });
        expect(agent.engine.getStatus()).toMatchObject({ phase, lastError: { code }, pending: 3 });
        const first = agent.log.find((r) => r.path === '/api/sync/push');
        if (fault.kind === 'request_truncated') expect(first?.serverStatus).toBe(400);
        const afterFault = await serverView(t.server.storage);
        expect(afterFault.submissions.size).toBe(committed ? BATCH : 0);
        expect(await serverLastSeq(t.server.storage, clientId, agent.userId)).toBe(committed ? BATCH : 0);
        expect(await t.server.storage.listRejected(clientId)).toEqual([]);

        await agent.sync();
        expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
        expect(await agent.db.outbox.count()).toBe(0);
        const view = await serverView(t.server.storage);
        expect([...view.submissions.keys()].sort()).toEqual(sortIds(made));
        for (const s of made) expect(view.creations.get(s.id)).toBe(1);
        expect(await serverLastSeq(t.server.storage, clientId, agent.userId)).toBe(3);
      },
      60_000,
    );
  });

  it('honours Retry-After through the engine timer, then goes back to the periodic sync', async () => {
    const agent = await t.device('agent');
    const made = [await agent.finalize(demoAnswers(1)), await agent.finalize(demoAnswers(2))];
    agent.faults.push.push({ kind: 'status', status: 429, retryAfter: '120' });
    agent.engine.start();
    await agent.engine.syncNow();

    const status = agent.engine.getStatus();
    expect(status).toMatchObject({ phase: 'error', pending: 2 });
    // Backoff alone would be 0.5 s (random() = 0.5); the server asked for two minutes.
    expect(status.nextRetryAt).toBe(agent.now.value + 120_000);
    expect((await serverView(t.server.storage)).submissions.size).toBe(0);

    const fired = await agent.fireTimer();
    expect(fired.ms).toBe(120_000);
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, nextRetryAt: null });
    expect(agent.timers.filter((timer) => !timer.cleared).at(-1)?.ms).toBe(SYNC_INTERVAL_MS);
    const view = await serverView(t.server.storage);
    expect([...view.submissions.keys()].sort()).toEqual(sortIds(made));
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------
// The property: two agents and a focal point, any interleaving of finalizes, faulty syncs and pulls.

type Step =
  | { kind: 'finalize'; agent: 0 | 1; n: number; count: number; unpublished: boolean }
  | { kind: 'sync'; device: 0 | 1 | 2; faults: { push: Fault[]; pull: Fault[] } }
  | { kind: 'pull'; device: 0 | 1 | 2; faults: Fault[] };

const faultArb: fc.Arbitrary<Fault> = fc.constantFrom<Fault>(
  { kind: 'pass' },
  { kind: 'request_lost' },
  { kind: 'response_lost' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503, afterCommit: true },
  { kind: 'status', status: 429, retryAfter: '30' },
  { kind: 'request_truncated' },
  { kind: 'response_truncated' },
);
// The agents sync more often than the focal point: they are the ones with something to push.
const deviceArb = fc.constantFrom<0 | 1 | 2>(0, 1, 0, 1, 2);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('finalize' as const),
      agent: fc.constantFrom<0 | 1>(0, 1),
      n: fc.nat(1000),
      // Several at once, so that a push takes more than one batch.
      count: fc.integer({ min: 1, max: 3 }),
      // About one in eight is finalized against a form version the server never published.
      unpublished: fc.nat(7).map((x) => x === 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device: deviceArb,
      faults: fc.record({
        push: fc.array(faultArb, { minLength: 1, maxLength: 3 }),
        pull: fc.array(faultArb, { maxLength: 2 }),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      device: deviceArb,
      faults: fc.array(faultArb, { maxLength: 2 }),
    }),
  },
);

const SEED = process.env.SYNC_SEED === undefined ? 20_261_124 : Number(process.env.SYNC_SEED);
const RUNS = Number(process.env.SYNC_RUNS ?? 25);

/** True when at least one request of the device since `from` met a fault. */
const faulted = (device: Device, from: number) => device.log.slice(from).some((r) => r.fault !== 'pass');

describe.each(backends)('sync convergence against the real server ($name)', (backend) => {
  it(`two agents and a focal point converge, nothing lost or doubled (seed ${SEED}, ${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 24 }), async (steps) => {
        const server = await startServer(backend);
        const devices: Device[] = [];
        try {
          for (const username of ['agent', 'agent2', 'focal']) {
            const device = await createDevice(server, username, { maxBatchMutations: BATCH });
            devices.push(device);
            await device.sync();
            await device.db.forms.put(unpublishedForm());
          }
          const [a, b, focal] = devices as [Device, Device, Device];
          const agents = [a, b];
          const valid: Set<string>[] = [new Set(), new Set()];
          const refused: Set<string>[] = [new Set(), new Set()];

          for (const step of steps) {
            if (step.kind === 'finalize') {
              const agent = agents[step.agent] as Device;
              for (let i = 0; i < step.count; i += 1) {
                const form = step.unpublished && i === 0 ? unpublishedForm() : undefined;
                const s = await agent.finalize(demoAnswers(step.n + i), form);
                (form ? refused : valid)[step.agent]?.add(s.id);
              }
              continue;
            }
            const device = devices[step.device] as Device;
            const from = device.log.length;
            if (step.kind === 'sync') {
              await device.sync(step.faults);
              // A sync that met no fault must succeed.
              if (!faulted(device, from)) expect(device.engine.getStatus().phase).toBe('idle');
            } else {
              const error = await device.pull(step.faults);
              if (!faulted(device, from)) expect(error).toBeNull();
            }
          }

          // Fault-free syncs at the end: agents push, everybody pulls, twice round.
          for (let round = 0; round < 2; round += 1) {
            for (const device of devices) {
              await device.sync();
              expect(device.engine.getStatus().phase).toBe('idle');
            }
          }

          // A request cut mid-way was always refused by the server, never half applied.
          for (const device of devices) {
            for (const r of device.log) {
              if (r.fault === 'request_truncated' && r.method === 'POST') expect(r.serverStatus).toBe(400);
            }
          }

          const view = await serverView(server.storage);
          const allValid = [...(valid[0] ?? []), ...(valid[1] ?? [])].sort();
          // Every valid finalized submission is on the server exactly once; nothing else is.
          expect([...view.submissions.keys()].sort()).toEqual(allValid);
          for (const id of allValid) expect(view.creations.get(id)).toBe(1);
          expect([...view.creations.keys()].sort()).toEqual(allValid);

          for (const [i, agent] of agents.entries()) {
            const mineValid = [...(valid[i] ?? [])].sort();
            const mineRefused = [...(refused[i] ?? [])].sort();
            // The outbox holds only the deliberately refused ones, still visible.
            const outbox = await agent.db.outbox.toArray();
            expect(outbox.every((e) => e.state === 'rejected' && e.rejection?.code === 'unknown_form')).toBe(
              true,
            );
            expect(outbox.map((e) => e.id).sort()).toEqual(mineRefused);
            expect(agent.engine.getStatus()).toMatchObject({ pending: 0, rejected: mineRefused.length });
            // The server kept each refusal once, named by seq (protocol 3 sends no mutationId).
            const clientId = await agent.clientId();
            const stored = await server.storage.listRejected(clientId);
            expect(stored.map((r) => r.seq)).toEqual(outbox.map((e) => e.seq).sort((a, b) => a - b));
            const meta = await agent.db.meta.get('sync');
            expect(await serverLastSeq(server.storage, clientId, agent.userId)).toBe(
              (meta?.nextSeq ?? 1) - 1,
            );

            // The agent sees its own submissions only, in the server's version.
            const local = await byId(agent);
            expect([...local.keys()].sort()).toEqual([...mineValid, ...mineRefused].sort());
            for (const id of mineValid) {
              const s = local.get(id);
              expect(s).toMatchObject({ syncState: 'synced', origin: 'local' });
              expect(view.submissions.get(id)?.createdBy).toBe(agent.userId);
              expect(s && withoutLocalState(s)).toEqual(view.submissions.get(id)?.data);
            }
            for (const id of mineRefused) expect(local.get(id)?.syncState).toBe('rejected');
          }

          // The focal point sees every accepted submission, exactly the server's.
          const seen = await byId(focal);
          expect([...seen.keys()].sort()).toEqual(allValid);
          for (const [id, s] of seen) {
            expect(s).toMatchObject({ syncState: 'synced', origin: 'remote' });
            expect(withoutLocalState(s)).toEqual(view.submissions.get(id)?.data);
          }
          expect(await focal.db.outbox.count()).toBe(0);
        } finally {
          for (const device of devices) await device.close();
          await server.close();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);
});
