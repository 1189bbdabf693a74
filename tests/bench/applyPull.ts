/**
 * Applying 10,000 pulled submissions in the browser store (applyPullPage, pages of 500 as the pull gives
 * them) against a raw Dexie bulkPut of the same records in the same pages, on fake-indexeddb (a stand-in:
 * Chromium's IndexedDB differs in absolute speed, so the ratio is the figure to watch).
 *
 * Fair and stable: inputs built before timing, a fresh database for every measurement (opened before timing)
 * and a full garbage collection before it, the order of the two alternating from run to run, one warm-up
 * run discarded, then the median of several.
 */
import 'fake-indexeddb/auto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TerrainDb } from '../../src/app/db/TerrainDb';
import type { SubmissionRecord } from '../../src/app/db/schema';
import { applyPullPage } from '../../src/app/sync/applyPullPage';
import type { Submission } from '../../src/core/records/submission';
import type { PullChange, PullResponse } from '../../src/core/sync/protocol';
import { DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { realisticAnswers } from '../app/integration/httpDevice';
import { median, report, timeMs } from './report';

export const N = 10_000;
const PAGE = 500;
const RUNS = 7;

/** 10,000 submissions of the demo form by another user, as the server sends them. */
export function pulledSubmissions(): Submission[] {
  return Array.from({ length: N }, (_, i) => {
    const finalized = 1_763_900_000_000 + i * 60_000;
    return {
      id: crypto.randomUUID(),
      createdBy: 'user-other',
      formId: DEMO_FORM.id,
      formVersion: DEMO_FORM.version,
      projectId: DEMO_PROJECT.id,
      data: realisticAnswers(i),
      startedAt: new Date(finalized - 600_000).toISOString(),
      finalizedAt: new Date(finalized).toISOString(),
      replaces: null,
    };
  });
}

function pages<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += PAGE) out.push(rows.slice(i, i + PAGE));
  return out;
}

/** The raw bulkPut pages (records as applyPullPage stores them) and the pulled pages of the same rows. */
export function applyInputs(submissions: readonly Submission[]) {
  const raw = pages(
    submissions.map((s): SubmissionRecord => ({ ...s, syncState: 'synced', origin: 'remote' })),
  );
  const pulled = pages(submissions).map((page, p): PullResponse => ({
    changes: page.map((s, j): PullChange => ({
      table: 'submissions',
      id: s.id,
      serverSeq: p * PAGE + j + 1,
      op: 'put',
      // A copy, as JSON.parse gives each page its own objects.
      data: structuredClone(s),
    })),
    cursor: (p + 1) * PAGE,
    hasMore: (p + 1) * PAGE < submissions.length,
  }));
  return { raw, pulled };
}

let dbCounter = 0;

async function freshDb(): Promise<TerrainDb> {
  dbCounter += 1;
  const db = new TerrainDb('bench-user', `bench-apply-${dbCounter}-${Date.now()}`);
  await db.open();
  return db;
}

// A full collection before each measurement, so that neither pays for the garbage the other left.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Measure {
  wallMs: number;
  cpuMs: number;
}

/** Wall time, and the CPU time of this process (which other processes on a shared machine do not skew). */
async function measure(work: (db: TerrainDb) => Promise<void>): Promise<Measure> {
  const db = await freshDb();
  try {
    collectGarbage();
    const cpu = process.cpuUsage();
    const wallMs = await timeMs(() => work(db));
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    db.close();
    await db.delete();
  }
}

const rawBulkPut = (raw: SubmissionRecord[][]) => async (db: TerrainDb) => {
  for (const page of raw) await db.submissions.bulkPut(page);
};

const applyAll = (pulled: PullResponse[]) => async (db: TerrainDb) => {
  for (const page of pulled) await applyPullPage(db, page);
  if ((await db.submissions.count()) !== N) throw new Error('applyPullPage did not store every row');
};

export async function benchApply(): Promise<void> {
  const { raw, pulled } = applyInputs(pulledSubmissions());
  const runs: { raw: Measure; apply: Measure }[] = [];
  // Run 0 warms the JIT and fake-indexeddb up; the order alternates from run to run.
  for (let run = 0; run <= RUNS; run += 1) {
    const first = run % 2 ? 'apply' : 'raw';
    const a = await measure(first === 'raw' ? rawBulkPut(raw) : applyAll(pulled));
    const b = await measure(first === 'raw' ? applyAll(pulled) : rawBulkPut(raw));
    if (run > 0) runs.push(first === 'raw' ? { raw: a, apply: b } : { raw: b, apply: a });
  }
  report('store.raw_bulkput_10k_ms', median(runs.map((r) => r.raw.wallMs)).toFixed(0));
  report('store.apply_10k_pulled_ms', median(runs.map((r) => r.apply.wallMs)).toFixed(0));
  // From CPU time: on a machine shared with other work, wall-clock ratios swing by ±30%.
  report('sync.apply_10k_per_bulkput', median(runs.map((r) => r.apply.cpuMs / r.raw.cpuMs)).toFixed(2));
  report(
    'sync.apply_10k_per_bulkput_wall',
    median(runs.map((r) => r.apply.wallMs / r.raw.wallMs)).toFixed(2),
  );
}
