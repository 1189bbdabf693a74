/**
 * The device vault's figures (src/app/vault) on fake-indexeddb and Node's Web Crypto, GUIDE §4's targets in
 * brackets. The ratio of record is measured in Chromium (vaultChromium.ts): here a plain put costs about
 * 30 µs a row (an in-memory tree) and Node's Web Crypto about as much per call, so the same code shows a
 * larger ratio than on a device, where the put is the costly part:
 *
 * - store.encrypted_put_1k_per_plain_fake_idb: 1,000 submissions put (bulkPut, two pages of 500) into a
 *   sealed database against a plain one, from CPU time;
 * - sync.encrypted_apply_1k_per_plain_fake_idb: the same 1,000 as a pull applies them (applyPullPage: the
 *   page, its cursor, the outbox check and the version links in one transaction), sealed against plain;
 * - store.encrypted_list_first_page_of_10k_ms: the first page of the submissions list on 10,000 sealed ones
 *   (its filter runs on a cursor, so each row is opened) (< 50 ms);
 * - auth.unlock_ms: one offline unlock, PBKDF2-SHA-256 at 600,000 iterations and the unwrap (≤ 1,000 ms);
 * - store.server_seal_per_change_ms: what sealing one pending change to the server adds to its write (sync
 *   without unlocking: an ephemeral ECDH key, HKDF, AES-GCM and the device's ECDSA signature), per change of
 *   a submission of the demo form, over 200.
 */
import 'fake-indexeddb/auto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TerrainDb } from '../../src/app/db/TerrainDb';
import type { SubmissionRecord } from '../../src/app/db/schema';
import { listSubmissions } from '../../src/app/repositories/submissions';
import { applyPullPage } from '../../src/app/sync/applyPullPage';
import { openSealedDb } from '../../src/app/vault/openSealedDb';
import { unlockOffline, unlockOnline } from '../../src/app/vault/unlock';
import { sealOutboxForServer } from '../../src/app/vault/serverSeal';
import { DEVICE_KEY_ALGORITHM, exportDevicePublicKey } from '../../src/core/sync/devices';
import { applyInputs, pulledSubmissions } from './applyPull';
import { median, report, timeMs } from './report';
import { benchVaultChromium } from './vaultChromium';

const RUNS = 7;
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let counter = 0;
const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

async function openDb(sealed: boolean): Promise<TerrainDb> {
  counter += 1;
  const name = `bench-vault-${counter}-${Date.now()}`;
  const db = sealed ? await openSealedDb('bench-user', await key(), name) : new TerrainDb('bench-user', name);
  await db.open();
  return db;
}

type Write = (db: TerrainDb) => Promise<void>;

async function cpuOf(sealed: boolean, write: Write): Promise<number> {
  const db = await openDb(sealed);
  try {
    collectGarbage();
    const cpu = process.cpuUsage();
    await write(db);
    const used = process.cpuUsage(cpu);
    if ((await db.submissions.count()) !== 1000) throw new Error('not every submission was written');
    return (used.user + used.system) / 1000;
  } finally {
    db.close();
    await db.delete();
  }
}

/** The median ratio sealed / plain of `write`'s CPU time; run 0 warms up, the order alternates. */
async function ratio(write: Write): Promise<number> {
  const ratios: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const sealedFirst = run % 2 === 1;
    const a = await cpuOf(sealedFirst, write);
    const b = await cpuOf(!sealedFirst, write);
    if (run > 0) ratios.push(sealedFirst ? a / b : b / a);
  }
  return median(ratios);
}

export async function benchVault(): Promise<void> {
  const submissions = pulledSubmissions();
  const { raw, pulled } = applyInputs(submissions.slice(0, 1000));
  const put = ratio(async (db) => {
    for (const page of raw) await db.submissions.bulkPut(page);
  });
  report('store.encrypted_put_1k_per_plain_fake_idb', (await put).toFixed(2));
  const apply = ratio(async (db) => {
    for (const page of pulled) await applyPullPage(db, page);
  });
  report('sync.encrypted_apply_1k_per_plain_fake_idb', (await apply).toFixed(2));

  const db = await openDb(true);
  try {
    const records = submissions.map((s): SubmissionRecord => ({
      ...s,
      syncState: 'synced',
      origin: 'remote',
    }));
    for (let i = 0; i < records.length; i += 500) await db.submissions.bulkPut(records.slice(i, i + 500));
    const listMs: number[] = [];
    for (let run = 0; run < 5; run += 1)
      listMs.push(
        await timeMs(async () => {
          if ((await listSubmissions(db, { limit: 50 })).length !== 50) throw new Error('expected 50 rows');
        }),
      );
    report('store.encrypted_list_first_page_of_10k_ms', median(listMs).toFixed(1));
  } finally {
    db.close();
    await db.delete();
  }

  const userId = `bench-${Date.now()}`;
  await unlockOnline(userId, 'une-phrase-de-passe-de-banc', undefined);
  const unlockMs: number[] = [];
  for (let run = 0; run < 3; run += 1)
    unlockMs.push(
      await timeMs(() => unlockOffline(userId, 'une-phrase-de-passe-de-banc').then(() => undefined)),
    );
  report('auth.unlock_ms', median(unlockMs).toFixed(0));
  report('store.server_seal_per_change_ms', (await serverSealMs(submissions.slice(0, 200))).toFixed(2));
  await benchVaultChromium();
}

async function serverSealMs(submissions: readonly { id: string }[]): Promise<number> {
  const server = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const device = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
  const context = {
    server: { keyId: 'bench', publicKey: await exportDevicePublicKey(server.publicKey) },
    deviceKey: device.privateKey,
    clientId: 'bench-client',
  };
  const entries = submissions.map((fields, i) => ({
    seq: i + 1,
    mutationId: crypto.randomUUID(),
    table: 'submissions',
    id: fields.id,
    op: 'put' as const,
    fields: fields,
    hlc: '2026-12-06T08:00:00.000Z-0000-bench',
    createdAt: '2026-12-06T08:00:00.000Z',
    state: 'pending' as const,
  }));
  const runs: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const ms = await timeMs(async () => {
      for (const entry of entries) await sealOutboxForServer(context, entry);
    });
    runs.push(ms / entries.length);
  }
  return median(runs);
}
