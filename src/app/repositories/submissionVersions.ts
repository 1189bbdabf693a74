import { resolveVersions, type VersionState } from '../../core/records/submissionVersions';
import type { TerrainDb } from '../db/TerrainDb';
import type { SubmissionRecord } from '../db/schema';

/**
 * The versions of edited submissions on this device. The state of each version is derived from the versions
 * the device holds, by the rule the server uses (src/core/records/submissionVersions.ts), and stored on the
 * records so that listing current versions stays one indexed read. Call these inside a transaction over
 * `submissions` that also wrote the records: the derived state changes with them or not at all.
 */

/** Every version of the chains of `seeds`, read by walking `replaces` both ways. */
async function chainsOf(db: TerrainDb, seeds: readonly SubmissionRecord[]): Promise<SubmissionRecord[]> {
  const found = new Map<string, SubmissionRecord>();
  let frontier: SubmissionRecord[] = [];
  const add = (record: SubmissionRecord | undefined) => {
    if (record && !found.has(record.id)) {
      found.set(record.id, record);
      frontier.push(record);
    }
  };
  seeds.forEach(add);
  while (frontier.length > 0) {
    const step = frontier;
    frontier = [];
    const up = [...new Set(step.map((r) => r.replaces))].filter(
      (id): id is string => id !== null && !found.has(id),
    );
    (await db.submissions.bulkGet(up)).forEach(add);
    (
      await db.submissions
        .where('replaces')
        .anyOf(step.map((r) => r.id))
        .toArray()
    ).forEach(add);
  }
  return [...found.values()];
}

/**
 * Recomputes the version state of every chain `changed` (records just written) belongs to. A record
 * written without its bookkeeping (a pulled copy) gets it back here. Costs one indexed query when nothing
 * in `changed` is a version or has one: the `replaces` index holds only versions, so it stays small.
 */
export async function relinkVersions(db: TerrainDb, changed: readonly SubmissionRecord[]): Promise<void> {
  if (changed.length === 0) return;
  const ids = changed.map((r) => r.id);
  const hasVersions = new Set(
    (await db.submissions.where('replaces').anyOf(ids).toArray()).map((r) => r.replaces),
  );
  const seeds = changed.filter((r) => r.replaces !== null || hasVersions.has(r.id));
  if (seeds.length === 0) return;

  const chain = await chainsOf(db, seeds);
  // A discarded version never reached the server: it takes no part, as on every other device.
  const states = resolveVersions(
    chain
      .filter((r) => !r.discardedAt)
      .map((r) => ({ id: r.id, replaces: r.replaces, hlc: r.versionHlc ?? '' })),
  );
  const updated: SubmissionRecord[] = [];
  for (const record of chain) {
    const info = states.get(record.id);
    const state = info && info.state !== 'current' ? info.state : undefined;
    const conflicts = info && info.conflicts > 0 ? info.conflicts : undefined;
    if (record.versionState === state && record.versionConflicts === conflicts) continue;
    const { versionState: _state, versionConflicts: _conflicts, ...rest } = record;
    updated.push({
      ...rest,
      ...(state ? { versionState: state } : {}),
      ...(conflicts ? { versionConflicts: conflicts } : {}),
    });
  }
  if (updated.length > 0) await db.submissions.bulkPut(updated);
}

/**
 * Records a version this device just finalized, ordered by the hlc of its mutation (the server keeps it,
 * unless it had to clamp a clock running ahead: the pulled copy then brings the server's value).
 */
export async function linkNewVersion(db: TerrainDb, record: SubmissionRecord, hlc: string): Promise<void> {
  const linked: SubmissionRecord = { ...record, versionHlc: hlc };
  await db.submissions.put(linked);
  await relinkVersions(db, [linked]);
}

/**
 * After the user discarded or resent a refused submission: its chain is recomputed, and a resent version is
 * ordered by its new mutation's `hlc`.
 */
export async function refreshVersion(db: TerrainDb, id: string, hlc?: string): Promise<void> {
  const record = await db.submissions.get(id);
  if (!record) return;
  if (hlc && record.replaces !== null) await linkNewVersion(db, record, hlc);
  else await relinkVersions(db, [record]);
}

export interface VersionEntry {
  record: SubmissionRecord;
  state: VersionState;
}

/**
 * Every version of the submission `id` on this device, oldest first (by finalization), with its state:
 * the history a reviewer reads. Empty if the submission is not on the device.
 */
export async function listVersions(db: TerrainDb, id: string): Promise<VersionEntry[]> {
  const start = await db.submissions.get(id);
  if (!start) return [];
  const chain = await chainsOf(db, [start]);
  return chain
    .map((record) => ({ record, state: record.versionState ?? ('current' as const) }))
    .sort(
      (a, b) =>
        a.record.finalizedAt.localeCompare(b.record.finalizedAt) || a.record.id.localeCompare(b.record.id),
    );
}
