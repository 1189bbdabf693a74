/**
 * Runs INSIDE Chromium (bundled and evaluated by vaultChromium.ts): the same writes as vault.ts, on the
 * browser's own IndexedDB and Web Crypto.
 */
import type { SubmissionRecord } from '../../src/app/db/schema';
import { TerrainDb } from '../../src/app/db/TerrainDb';
import { openSealedDb } from '../../src/app/vault/openSealedDb';
import { unlockOffline, unlockOnline } from '../../src/app/vault/unlock';

let counter = 0;

/** Milliseconds to put `records` (pages of 500) into a fresh sealed or plain database. */
async function putMs(records: SubmissionRecord[], sealed: boolean): Promise<number> {
  counter += 1;
  const name = `bench-${counter}`;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const db = sealed ? await openSealedDb('bench', key, name) : new TerrainDb('bench', name);
  await db.open();
  try {
    const start = performance.now();
    for (let i = 0; i < records.length; i += 500) await db.submissions.bulkPut(records.slice(i, i + 500));
    return performance.now() - start;
  } finally {
    db.close();
    await db.delete();
  }
}

/** The median of three offline unlocks of a user made here. */
async function unlockMs(): Promise<number> {
  const userId = `bench-${Date.now()}`;
  await unlockOnline(userId, 'une-phrase-de-passe-de-banc', undefined);
  const times: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const start = performance.now();
    await unlockOffline(userId, 'une-phrase-de-passe-de-banc');
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1]!;
}

Object.assign(globalThis, { terrainVaultBench: { putMs, unlockMs } });
