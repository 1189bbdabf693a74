import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry, ReviewRecord, SubmissionRecord } from '../../../src/app/db/schema';
import { discardRejected } from '../../../src/app/repositories/rejected';
import { saveReview } from '../../../src/app/repositories/reviews';
import { compareFieldValues, sameValue, type FieldWrite } from '../../../src/core/sync/merge';
import { isStampPath, mergeTable } from '../../../src/core/sync/mergeTables';
import { fieldWrites, parseWrite } from '../../../src/core/sync/mergeRecords';
import { backends } from '../../server/backends';
import type { Fault } from '../fakeServer';
import {
  createDevice,
  serverLastSeq,
  startServer,
  type Device,
  type Fault as RealFault,
} from '../integration/realServer';
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

// ---------------------------------------------------------------------------------------------------------
// Reviews, the first mergeable records: several reviewers edit the same reviews offline, with faulty syncs,
// against the REAL server on every backend. Afterwards every device and the server hold the same merged
// state, every change was applied exactly once or refused by the review state machine (a focal point's
// change of a decided review, then discarded), and every value a concurrent edit lost is in the conflict
// log. Fixed seed in CI; SYNC_SEED=<n> (and SYNC_RUNS=<n>) to explore others.

type Reviewer = 0 | 1 | 2;
type ReviewStep =
  | {
      kind: 'edit';
      reviewer: Reviewer;
      submission: 0 | 1;
      what: 'status' | 'comment' | 'fieldComment';
      pick: number;
      /** Milliseconds the reviewer's clock moves before the edit. */
      advance: number;
    }
  | { kind: 'sync'; device: 0 | 1 | 2 | 3; faults: { push: RealFault[]; pull: RealFault[] } }
  | { kind: 'pull'; device: 0 | 1 | 2 | 3; faults: RealFault[] };

const realFault: fc.Arbitrary<RealFault> = fc.constantFrom<RealFault>(
  { kind: 'pass' },
  { kind: 'request_lost' },
  { kind: 'response_lost' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503, afterCommit: true },
  { kind: 'request_truncated' },
  { kind: 'response_truncated' },
);
const reviewDevice = fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3);
const reviewStep: fc.Arbitrary<ReviewStep> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      reviewer: fc.constantFrom<Reviewer>(0, 1, 2),
      submission: fc.constantFrom<0 | 1>(0, 1),
      what: fc.constantFrom('status' as const, 'comment' as const, 'fieldComment' as const),
      pick: fc.nat(11),
      advance: fc.integer({ min: 0, max: 3000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device: reviewDevice,
      faults: fc.record({
        push: fc.array(realFault, { maxLength: 2 }),
        pull: fc.array(realFault, { maxLength: 2 }),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      device: reviewDevice,
      faults: fc.array(realFault, { maxLength: 2 }),
    }),
  },
);

const SEED = process.env.SYNC_SEED === undefined ? 20_261_123 : Number(process.env.SYNC_SEED);
const RUNS = Number(process.env.SYNC_RUNS ?? 12);
/** The server's clock in tests/server/harness.ts; reviewers' clocks stay behind it (no clamping here). */
const SERVER_START = Date.parse('2026-11-24T08:00:00.000Z');
const FIELDS = ['respondent_name', 'household_size'];

const withoutBookkeeping = ({ server: _server, clocks: _clocks, ...review }: ReviewRecord) => review;

describe.each(backends)('review convergence against the real server ($name)', (backend) => {
  it(`concurrent review edits merge to one state everywhere, nothing lost (seed ${SEED}, ${RUNS} runs)`, async () => {
    const spec = mergeTable('reviews');
    await fc.assert(
      fc.asyncProperty(fc.array(reviewStep, { minLength: 6, maxLength: 24 }), async (steps) => {
        const server = await startServer(backend);
        const devices: Device[] = [];
        try {
          const agent = await createDevice(server, 'agent', { maxBatchMutations: 2 });
          devices.push(agent);
          await agent.sync();
          const submissions = [await agent.finalize(), await agent.finalize()];
          await agent.sync();
          // Two devices of one focal point (two clients) and a supervisor, clocks apart from each other.
          const reviewers: Device[] = [];
          const users = ['focal', 'focal', 'supervisor'];
          const clocks = [SERVER_START - 600_000, SERVER_START - 300_000, SERVER_START - 900_000];
          for (const username of users) {
            const device = await createDevice(server, username, { maxBatchMutations: 2 });
            devices.push(device);
            reviewers.push(device);
            await device.sync();
          }

          /** Every change the reviewers made, as queued, with its history event. */
          let made: { entry: OutboxEntry; by: string }[] = [];
          let madeEvents: OutboxEntry[] = [];
          let counter = 0;
          for (const step of steps) {
            if (step.kind === 'edit') {
              const device = reviewers[step.reviewer] as Device;
              const submission = submissions[step.submission] as SubmissionRecord;
              clocks[step.reviewer] = (clocks[step.reviewer] ?? 0) + step.advance;
              counter += 1;
              const statuses =
                step.reviewer === 2
                  ? ([null, 'verified', 'has_issues', 'approved', 'rejected'] as const)
                  : (['verified', 'has_issues'] as const);
              const status = statuses[step.pick % statuses.length];
              // Flagging issues comes with its comment, as the review form requires (flagComment.ts).
              const change =
                step.what === 'status'
                  ? status === 'has_issues'
                    ? { status, comment: `Commentaire ${counter}` }
                    : { status }
                  : step.what === 'comment'
                    ? { comment: `Commentaire ${counter}` }
                    : {
                        fieldComments: {
                          [FIELDS[step.pick % 2] as string]: step.pick % 3 === 0 ? null : `Note ${counter}`,
                        },
                      };
              const before = await device.db.outbox.count();
              await saveReview(device.db, submission, change, new Date(clocks[step.reviewer] ?? 0));
              if ((await device.db.outbox.count()) > before) {
                // The review's entry; its history event follows it.
                const queued = await device.db.outbox.orderBy('seq').toArray();
                const entry = queued.filter((e) => e.table === 'reviews').at(-1);
                if (entry) made.push({ entry, by: device.userId });
                expect(queued.at(-1)).toMatchObject({
                  table: 'reviewEvents',
                  fields: { targetId: entry?.id },
                });
                madeEvents.push(queued.at(-1)!);
              }
              continue;
            }
            const device = devices[step.device] as Device;
            if (step.kind === 'sync') await device.sync(step.faults);
            else await device.pull(step.faults);
          }

          for (let round = 0; round < 2; round += 1) {
            for (const device of devices) {
              await device.sync();
              expect(device.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
            }
          }

          // The review state machine (src/core/records/reviewTransitions.ts) refuses a focal point's change
          // of the status or comment of a review a supervisor had decided when the change arrived, and the
          // event that records it: nothing else. The focal point discards them on purpose; the rest converges.
          const refused = new Set<string>();
          for (const device of reviewers) {
            for (const entry of await device.db.outbox.toArray()) {
              expect(entry.state).toBe('rejected');
              expect(device.userId).not.toBe(reviewers[2]?.userId);
              expect(entry.rejection?.code).toBe('forbidden');
              expect(entry.rejection?.message).toMatch(/a review that is (approved|rejected)$/);
              const touched = Object.keys(entry.fields).filter((k) => !['fieldComments', 'at'].includes(k));
              expect(touched.some((k) => k === 'status' || k === 'comment')).toBe(true);
              refused.add(entry.mutationId);
              await discardRejected(device.db, entry.seq);
            }
            await device.sync();
            expect(device.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
          }
          made = made.filter((m) => !refused.has(m.entry.mutationId));
          madeEvents = madeEvents.filter((e) => !refused.has(e.mutationId));

          // The server's merged reviews.
          const admin = await server.storage.userByUsername('admin');
          const rows = await server.storage.pullChanges(
            { userId: admin?.id ?? '', allProjects: true, ownSubmissionsOnly: false },
            0,
            1_000_000,
          );
          const onServer = new Map(rows.filter((r) => r.tbl === 'reviews').map((r) => [r.id, r]));
          const reviewed = new Set(made.map((m) => m.entry.id));
          // A decision standing on the server is the supervisor's.
          for (const row of onServer.values())
            if (row.data?.status === 'approved' || row.data?.status === 'rejected')
              expect(row.data?.reviewedBy).toBe(reviewers[2]?.userId);
          expect([...onServer.keys()].sort()).toEqual([...reviewed].sort());

          // Every device that may see them holds exactly the server's state, clocks included.
          for (const device of [agent, ...reviewers]) {
            expect(await device.db.outbox.count()).toBe(0);
            const local = await device.db.reviews.toArray();
            expect(local.map((r) => r.id).sort()).toEqual([...reviewed].sort());
            for (const row of local) {
              const stored = onServer.get(row.id);
              expect(withoutBookkeeping(row)).toEqual(stored?.data);
              const serverClocks = Object.fromEntries(
                Object.entries(stored?.fieldState ?? {}).map(([path, f]) => [path, f.hlc]),
              );
              expect(row.clocks).toEqual(serverClocks);
            }
          }

          // Every change left one event in the history, on the server and on every reviewer's device.
          const events = rows.filter((r) => r.tbl === 'reviewEvents');
          expect(events).toHaveLength(madeEvents.length);
          for (const device of reviewers)
            expect((await device.db.reviewEvents.toArray()).map((e) => e.id).sort()).toEqual(
              events.map((e) => e.id).sort(),
            );

          // Every change applied exactly once: one audit entry each, and every seq recorded.
          const audit = await server.storage.listAudit(1_000_000);
          expect(audit.filter((e) => e.action === 'reviews.put')).toHaveLength(made.length);
          for (const device of reviewers) {
            const meta = await device.db.meta.get('sync');
            const clientId = await device.clientId();
            expect(await serverLastSeq(server.storage, clientId, device.userId)).toBe(
              (meta?.nextSeq ?? 1) - 1,
            );
          }

          // Every lost value is in the conflict log, and the log holds nothing else.
          const log = await server.storage.listConflicts({ projects: 'all', state: 'all', limit: 1_000_000 });
          const logged = new Set(log.map((c) => `${c.recordId} ${c.field} ${c.losing.hlc}`));
          expect(logged.size).toBe(log.length);
          const writes = new Map<string, (FieldWrite & { id: string })[]>();
          for (const { entry, by } of made) {
            const parsed = parseWrite(spec, entry.op, entry.fields);
            if (!parsed.ok) throw parsed.error;
            for (const w of fieldWrites(spec, parsed.values, { hlc: entry.hlc, by, base: entry.base })) {
              if (isStampPath(spec, w.path)) continue;
              const key = `${entry.id} ${w.path}`;
              writes.set(key, [...(writes.get(key) ?? []), { ...w, id: entry.id }]);
            }
          }
          for (const [key, list] of writes) {
            const [id, path] = key.split(' ') as [string, string];
            const final = onServer.get(id)?.fieldState?.[path];
            expect(final?.hlc).toBe(list.reduce((a, b) => (compareFieldValues(b, a) > 0 ? b : a)).hlc);
            for (const w of list) {
              if (w.hlc === final?.hlc) continue;
              const excused = list.some(
                (x) =>
                  compareFieldValues(x, w) > 0 &&
                  ((x.base !== undefined && x.base >= w.hlc) || sameValue(x.value, w.value)),
              );
              if (!excused) expect(logged.has(`${id} ${path} ${w.hlc}`)).toBe(true);
            }
          }
          for (const c of log) {
            const list = writes.get(`${c.recordId} ${c.field}`) ?? [];
            expect(list.some((w) => w.hlc === c.losing.hlc && sameValue(w.value, c.losing.value))).toBe(true);
            expect(list.some((w) => w.hlc === c.winning.hlc && sameValue(w.value, c.winning.value))).toBe(
              true,
            );
            expect(onServer.get(c.recordId)?.fieldState?.[c.field]?.hlc).not.toBe(c.losing.hlc);
          }
        } finally {
          for (const device of devices) await device.close();
          await server.close();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
