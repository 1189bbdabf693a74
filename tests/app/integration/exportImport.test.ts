import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportUnsynced } from '../../../src/app/sync/exportFile';
import { ImportResponse } from '../../../src/core/sync/unsyncedExport';
import type { Storage } from '../../../src/server/storage/Storage';
import { backends } from '../../server/backends';
import type { TestServer } from '../../server/harness';
import { createDevice, demoAnswers, queueInvalidSubmission, startServer, type Device } from './realServer';

/**
 * The USB-stick path end to end: a device's export file imported at base by a supervisor through the real
 * route, and the device syncing itself later (or earlier, or in between): every change is stored once.
 */

async function exportBytes(device: Device): Promise<ArrayBuffer> {
  const file = await exportUnsynced(device.db, { id: device.userId, username: device.username });
  return file.blob.arrayBuffer();
}

async function importFile(
  server: TestServer,
  bytes: ArrayBuffer,
  as = 'supervisor',
): Promise<ImportResponse> {
  const res = await server.request('/api/sync/import', {
    token: await server.login(as),
    body: new Blob([bytes]),
    headers: { 'content-type': 'application/octet-stream' },
  });
  const json = (await res.json()) as unknown;
  expect(res.status, JSON.stringify(json)).toBe(200);
  return ImportResponse.parse(json);
}

/** How many times each submission was put on the server, by the device (create) or from a file (import). */
async function arrivals(storage: Storage): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const e of await storage.listAudit(1_000_000)) {
    if ((e.action === 'submission.create' || e.action === 'submission.import') && e.recordId)
      counts.set(e.recordId, (counts.get(e.recordId) ?? 0) + 1);
  }
  return counts;
}

async function serverSubmissionIds(server: TestServer): Promise<string[]> {
  return (await server.pullAll('admin'))
    .filter((c) => c.table === 'submissions')
    .map((c) => c.id)
    .sort();
}

const stepArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('finalize' as const), count: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'export' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('import' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), lostResponse: fc.boolean() }) },
);

const RUNS = Number(process.env.SYNC_RUNS ?? 8);

describe.each(backends)('export, import and device sync against the real server ($name)', (backend) => {
  it('export → import → the device syncs later: each change exactly once, rejected kept', async () => {
    const server = await startServer(backend);
    const agent = await createDevice(server, 'agent', { maxBatchMutations: 2 });
    try {
      await agent.sync();
      const made = [];
      for (let n = 0; n < 3; n += 1) made.push((await agent.finalize(demoAnswers(n))).id);
      const invalid = await queueInvalidSubmission(agent);
      const file = await exportBytes(agent);

      const first = await importFile(server, file);
      expect(first).toMatchObject({ total: 4, applied: 3, duplicate: 0, rejected: 1 });
      // Again: nothing new.
      expect(await importFile(server, file, 'admin')).toMatchObject({
        applied: 0,
        duplicate: 3,
        rejected: 1,
      });

      // Back in the field, one more; then the device syncs by itself.
      made.push((await agent.finalize(demoAnswers(9))).id);
      await agent.sync();
      expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 1 });
      const outbox = await agent.db.outbox.toArray();
      expect(outbox.map((e) => [e.id, e.state, e.rejection?.code])).toEqual([
        [invalid, 'rejected', 'validation'],
      ]);
      for (const id of made) expect((await agent.db.submissions.get(id))?.syncState).toBe('synced');

      expect(await serverSubmissionIds(server)).toEqual([...made].sort());
      const counts = await arrivals(server.storage);
      for (const id of made) expect(counts.get(id)).toBe(1);
      // The rejected change was kept once, as the agent's.
      const rejected = await server.storage.listRejected(await agent.clientId());
      expect(rejected.map((r) => [r.seq, r.userId])).toEqual([[4, agent.userId]]);

      // The file imported after all that still changes nothing.
      expect(await importFile(server, file)).toMatchObject({ applied: 0, duplicate: 3, rejected: 1 });
      expect(await serverSubmissionIds(server)).toEqual([...made].sort());
    } finally {
      await agent.close();
      await server.close();
    }
  }, 60_000);

  it(`any order of finalize, export, import and sync stores each change once (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 3, maxLength: 14 }), async (steps) => {
        const server = await startServer(backend);
        const agent = await createDevice(server, 'agent', { maxBatchMutations: 2 });
        try {
          await agent.sync();
          const made: string[] = [];
          const files: ArrayBuffer[] = [];
          let n = 0;
          for (const step of steps) {
            if (step.kind === 'finalize') {
              for (let i = 0; i < step.count; i += 1)
                made.push((await agent.finalize(demoAnswers((n += 1)))).id);
            } else if (step.kind === 'export') {
              files.push(await exportBytes(agent));
            } else if (step.kind === 'import') {
              // Any earlier file, old or new: never refused, never doubled.
              const file = files[step.which % Math.max(1, files.length)];
              if (file) await importFile(server, file);
            } else {
              await agent.sync(step.lostResponse ? { push: [{ kind: 'response_lost' }] } : {});
            }
          }
          for (const file of files) await importFile(server, file);
          await agent.sync();

          expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
          expect(await serverSubmissionIds(server)).toEqual([...made].sort());
          const counts = await arrivals(server.storage);
          expect([...counts.keys()].sort()).toEqual([...made].sort());
          for (const id of made) expect(counts.get(id)).toBe(1);
          for (const id of made) expect((await agent.db.submissions.get(id))?.syncState).toBe('synced');
        } finally {
          await agent.close();
          await server.close();
        }
      }),
      { numRuns: RUNS, seed: 20_261_125 },
    );
  }, 600_000);
});
