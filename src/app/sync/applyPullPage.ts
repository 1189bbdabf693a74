import type { Submission } from '../../core/records/submission';
import { isPullTable, type PullResponse, type PullTable } from '../../core/sync/protocol';
import type { TerrainDb } from '../db/TerrainDb';
import type { FormRecord, MemberRecord, ProjectRecord, SubmissionRecord } from '../db/schema';
import { relinkVersions } from '../repositories/submissionVersions';
import { isMergeTable } from '../../core/sync/mergeTables';
import { applyErasures, erasureTables } from './applyErasures';
import { applyPulledMerged, mergedTables } from './mergedRows';
import { parsePulledRow, type PulledRow } from './pulledRecord';

export interface PullPageStats {
  applied: number;
  /** Rows that failed their schema. */
  invalid: number;
  /** Rows left alone because a local change to them is still in the outbox. */
  kept: number;
  /** Rows of tables this app does not know yet (from a newer server). */
  skipped: number;
}

type Change = { op: 'put'; row: PulledRow } | { op: 'delete'; table: PullTable; key: string };

const keyOf = (table: string, id: string) => `${table}\u0000${id}`;

/**
 * Applies one pulled page AND its cursor in ONE transaction, with bulk operations: either the whole page is
 * stored and the cursor moves past it, or nothing changes and the page is fetched again.
 *
 * A record with a local mutation still in the outbox (pending, or rejected and waiting for the user) is not
 * touched: the device's version is the one the user is working on, and the server's answer to that mutation
 * will settle it. Mergeable records (reviews) are finer: every field is updated except those a local change
 * still in the outbox wrote (mergedRows.ts).
 */
export async function applyPullPage(db: TerrainDb, page: PullResponse): Promise<PullPageStats> {
  const stats: PullPageStats = { applied: 0, invalid: 0, kept: 0, skipped: 0 };
  // Later changes to the same record in one page supersede earlier ones.
  const changes = new Map<string, Change>();
  // Reviews and other mergeable records merge field by field instead (mergedRows.ts).
  const merged: PullResponse['changes'] = [];
  for (const change of page.changes) {
    if (!isPullTable(change.table)) {
      // A table from a newer server: skipped; pull.ts pulls again from 0 once the app knows it.
      stats.skipped += 1;
      continue;
    }
    // A project without clocks comes from a server of before projects merged: stored whole, as then.
    if (isMergeTable(change.table) && !(change.table === 'projects' && !change.clocks)) {
      merged.push(change);
      continue;
    }
    if (change.op === 'delete') {
      const table = change.table;
      changes.set(keyOf(table, change.id), { op: 'delete', table, key: change.id });
      continue;
    }
    const row = parsePulledRow(change);
    if (!row) {
      stats.invalid += 1;
      continue;
    }
    changes.set(keyOf(row.table, row.key), { op: 'put', row });
  }

  // Projects are a mergeable table too (since Dexie v6's server): listed once.
  const tables = [
    ...new Set([
      db.projects,
      db.forms,
      db.submissions,
      db.members,
      db.outbox,
      db.meta,
      ...mergedTables(db),
      ...erasureTables(db),
    ]),
  ];
  await db.transaction('rw', tables, async () => {
    if (merged.length > 0) {
      const m = await applyPulledMerged(db, merged);
      stats.applied += m.applied;
      stats.invalid += m.invalid;
    }
    const touched = [...changes.values()].map((c) =>
      c.op === 'put' ? [c.row.table, c.row.key] : [c.table, c.key],
    );
    const inFlight = await db.outbox.where('[table+id]').anyOf(touched).toArray();
    const kept = new Set(inFlight.map((entry) => keyOf(entry.table, entry.id)));

    // A submission is deleted only when it was erased at a person's request: it goes, with what the device
    // holds about it, even if a change of it waits in the outbox (applyErasures.ts).
    const erased: string[] = [];
    const projects: ProjectRecord[] = [];
    const forms: FormRecord[] = [];
    const submissions: Submission[] = [];
    const members: MemberRecord[] = [];
    // Mergeable tables (projects included, since they merge) never get here: their tombstones are rows.
    const deletes: Record<'projects' | 'forms' | 'members', string[]> = {
      projects: [],
      forms: [],
      members: [],
    };
    for (const [key, change] of changes) {
      if (change.op === 'delete' && change.table === 'submissions') {
        erased.push(change.key);
        stats.applied += 1;
        continue;
      }
      if (kept.has(key)) {
        stats.kept += 1;
        continue;
      }
      stats.applied += 1;
      if (change.op === 'delete') {
        if (change.table === 'projects' || change.table === 'forms' || change.table === 'members')
          deletes[change.table].push(change.key);
      } else if (change.row.table === 'projects') projects.push(change.row.record);
      else if (change.row.table === 'forms') forms.push(change.row.record);
      else if (change.row.table === 'members') members.push(change.row.record);
      else submissions.push(change.row.record);
    }

    const submissionRecords = submissions.map((submission): SubmissionRecord => {
      // Our own submission coming back (or restored on a fresh device) stays `local`. The stored copy need
      // not be read: a device only makes submissions as its own user (one database per user), so its
      // `local` ones are exactly those it created; reading them back took a fifth of the time a pull spends
      // storing a page (tests/bench/applyPull.ts).
      const origin = submission.createdBy === db.userId ? 'local' : 'remote';
      return { ...submission, syncState: 'synced', origin };
    });

    await db.projects.bulkPut(projects);
    await db.forms.bulkPut(forms);
    await db.members.bulkPut(members);
    await db.submissions.bulkPut(submissionRecords);
    // Pulled copies carry no version state: recompute it for the chains they belong to (usually none).
    await relinkVersions(db, submissionRecords);
    await db.projects.bulkDelete(deletes.projects);
    await db.forms.bulkDelete(deletes.forms);
    await db.members.bulkDelete(deletes.members);
    await applyErasures(db, erased);
    await db.meta.update('sync', {
      cursor: page.cursor,
      ...(page.scope !== undefined ? { scope: page.scope } : {}),
    });
  });
  return stats;
}
