import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countPending } from '../../../src/app/repositories/outbox';
import type { MutationResult } from '../../../src/core/sync/protocol';
import { backends } from '../../server/backends';
import { createHttpDevice, newTraffic, pushUnderWay, realisticAnswers, type HttpDevice } from './httpDevice';
import { serverLastSeq, serverView, withoutLocalState } from './realServer';
import {
  DEMO_PASSWORD,
  postgresDatabase,
  removeBuiltServer,
  sqliteDatabase,
  startServerProcess,
  type ServerDatabase,
  type ServerProcess,
} from './serverProcess';

/**
 * The server process is SIGKILLed at random moments while devices push (before the request arrives, in the
 * middle of the push transaction, after the commit but before the answer leaves), restarted, and the devices
 * carry on with the real sync engine. At the end: every acknowledged mutation is on the server with the
 * serverSeq it was acknowledged with, every mutation is applied exactly once, nothing is lost, and the
 * rejected ones are kept on both sides.
 */

const KILLS = 4;
/** Small batches: several requests per sync, so kills land between batches as well as inside them. */
const BATCH = 6;

const databases: [string, () => Promise<ServerDatabase>][] = [
  ['sqlite', () => Promise.resolve(sqliteDatabase())],
];
if (backends.some((b) => b.name === 'postgres')) databases.push(['postgres', postgresDatabase]);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);
afterAll(() => removeBuiltServer());

/** Syncs until a sync succeeds with nothing left to push (the server may still be restarting). */
async function drain(device: HttpDevice): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (!(await device.sync()) || (await countPending(device.db)) > 0) {
    if (Date.now() > deadline) throw new Error(`${device.username} could not finish syncing`);
    await sleep(25);
  }
}

describe.each(databases)('the server process killed mid-push (%s)', (_name, makeDatabase) => {
  it('loses nothing acknowledged, applies everything once and keeps the rejections', async () => {
    const database = await makeDatabase();
    cleanups.push(() => database.remove());
    const server: ServerProcess = await startServerProcess(database);
    cleanups.push(() => (server.running ? server.kill() : Promise.resolve()));

    const traffic = newTraffic();
    const origin = () => server.origin;
    const open = async (username: string, engine: { maxBatchMutations?: number; pullLimit?: number }) => {
      const device = await createHttpDevice({ origin, username, password: DEMO_PASSWORD, traffic, engine });
      cleanups.push(() => device.close());
      expect(await device.sync()).toBe(true);
      return device;
    };
    // Two devices of one agent (two clientIds of one user), and two other members of the project.
    const writers: HttpDevice[] = [];
    for (const username of ['agent', 'agent', 'focal', 'supervisor'])
      writers.push(await open(username, { maxBatchMutations: BATCH }));
    // Pulls small pages all along, so kills also cut pulls and land between a page and the next.
    const reader = await open('admin', { pullLimit: 4 });

    /** The submissions made, to check every one was acknowledged. */
    const submissionOf = new Set<string>();
    /** The submissions each device made (a device also pulls those of the others). */
    const made = new Map<HttpDevice, string[]>(writers.map((device) => [device, []]));
    const remember = async (device: HttpDevice, id: string) => {
      const entry = await device.db.outbox.where('[table+id]').equals(['submissions', id]).first();
      if (!entry) throw new Error(`No outbox entry for ${id}`);
      submissionOf.add(id);
      made.get(device)!.push(id);
    };

    let producing = true;
    const write = async (device: HttpDevice, index: number) => {
      let n = 0;
      while (producing) {
        // Bounded, so the outbox does not pile up while the server is down.
        if ((await countPending(device.db)) < 2 * BATCH) {
          for (let k = 1 + Math.floor(Math.random() * 3); k > 0; k -= 1) {
            // One in eight is refused by the server (never by the device's own validation).
            n += 1;
            const id =
              n % 8 === 2
                ? await device.queueInvalid()
                : (await device.finalize(realisticAnswers(index * 100_000 + n))).id;
            await remember(device, id);
          }
        }
        if (!(await device.sync())) await sleep(50);
      }
      await drain(device);
    };
    const read = async () => {
      while (producing) if (!(await reader.sync())) await sleep(50);
    };
    const kill = async () => {
      for (let k = 0; k < KILLS; k += 1) {
        // Some pushes go through between kills; then a kill lands a random moment into one.
        const before = traffic.acknowledged.length;
        while (traffic.acknowledged.length === before) await sleep(20);
        await sleep(Math.random() * 100);
        await pushUnderWay(traffic);
        await sleep(Math.random() * 12);
        await server.kill();
        await server.restart();
      }
      producing = false;
    };
    await Promise.all([kill(), read(), ...writers.map((device, i) => write(device, i))]);
    // The last pushes are in; the reader catches up.
    await drain(reader);
    await server.stop();

    const storage = await database.open();
    cleanups.push(() => storage.close());
    const view = await serverView(storage);
    expect(server.starts).toBe(KILLS + 1);
    // The kills did cut pushes already sent (otherwise this test tested nothing).
    expect(traffic.pushesCut).toBeGreaterThan(0);

    let synced = 0;
    let rejected = 0;
    for (const device of writers) {
      const clientId = await device.clientId();
      const outbox = await device.db.outbox.toArray();
      // Protocol 3 names a mutation by (clientId, seq) on the server.
      const serverRejected = new Map((await storage.listRejected(clientId)).map((r) => [r.seq, r]));
      const mine = await device.db.submissions.bulkGet(made.get(device)!);
      for (const submission of mine) {
        if (!submission) throw new Error(`${device.username} lost a submission it made`);
        const entity = view.submissions.get(submission.id);
        if (submission.syncState === 'synced') {
          synced += 1;
          expect(entity?.data).toEqual(withoutLocalState(submission));
          expect(view.creations.get(submission.id)).toBe(1);
          continue;
        }
        // Refused: kept on the device with the server's reason, and on the server with its whole payload.
        expect(submission.syncState).toBe('rejected');
        rejected += 1;
        expect(entity).toBeUndefined();
        const entry = outbox.find((e) => e.id === submission.id);
        expect(entry).toMatchObject({ state: 'rejected', rejection: { code: 'validation' } });
        const kept = serverRejected.get(entry!.seq);
        expect(kept?.code).toBe('validation');
        expect(kept?.payload).toMatchObject({ id: submission.id, fields: { data: submission.data } });
      }
      // Nothing left to send, and the server's seq for this client is the device's last.
      expect(outbox.every((e) => e.state === 'rejected')).toBe(true);
      expect(outbox.length).toBe(serverRejected.size);
      const { nextSeq } = await device.db.meta.get('sync').then((m) => m!);
      expect(await serverLastSeq(storage, clientId, device.userId)).toBe(nextSeq - 1);
    }
    expect(rejected).toBeGreaterThan(0);
    // Nothing on the server that no device has as synced, and every submission created once.
    expect(view.submissions.size).toBe(synced);
    expect([...view.creations.values()].every((n) => n === 1)).toBe(true);

    // Every answer the devices received still holds after the crashes.
    const stillThere = (result: MutationResult & { recordId: string | undefined }) => {
      const id = result.recordId;
      if (result.status === 'applied') return view.submissions.get(id!)?.serverSeq === result.serverSeq;
      if (result.status === 'duplicate') return view.submissions.has(id!);
      return !view.submissions.has(id!);
    };
    const lost = traffic.acknowledged
      .filter((r) => !stillThere(r))
      .map((r) => ({ ...r, now: view.submissions.get(r.recordId!)?.serverSeq }));
    expect(lost).toEqual([]);
    expect(new Set(traffic.acknowledged.map((r) => r.recordId)).size).toBe(submissionOf.size);

    // The reader, whose pulls were cut as well, ends with exactly the server's submissions.
    const pulled = await reader.db.submissions.toArray();
    expect(pulled.map((s) => s.id).sort()).toEqual([...view.submissions.keys()].sort());
    for (const s of pulled) expect(withoutLocalState(s)).toEqual(view.submissions.get(s.id)?.data);
  }, 180_000);
});
