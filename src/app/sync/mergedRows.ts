import type { Table } from 'dexie';
import {
  isMergeTable,
  MERGE_TABLE_NAMES,
  mergeTable,
  type MergeTableName,
} from '../../core/sync/mergeTables';
import { fieldWrites, identityOf, materialize, parseWrite, valueAt } from '../../core/sync/mergeRecords';
import type { PullChange } from '../../core/sync/protocol';
import type { TerrainDb } from '../db/TerrainDb';
import type { MergedRowState, OutboxEntry } from '../db/schema';

/**
 * Mergeable records on the device (reviews; src/core/sync/mergeTables.ts). Each row keeps the server's
 * merged state as last pulled (`server`, per field) and shows it with this device's changes still in the
 * outbox laid over it, in seq order, field by field. A pull therefore replaces the server's state of every
 * field and never what the user changed and has not synced yet (the brief's "per field, not per record"),
 * and discarding a refused change shows the server's value again.
 */

export type MergedRow = Record<string, unknown> & MergedRowState & { id: string };
type ServerState = MergedRowState['server'];

/** The Dexie table of a mergeable table (same name). */
function mergedTable(db: TerrainDb, table: MergeTableName): Table<MergedRow, string> {
  return db.table(table);
}

/** Every mergeable table, for the scope of a transaction. */
export function mergedTables(db: TerrainDb): Table<MergedRow, string>[] {
  return MERGE_TABLE_NAMES.map((name) => mergedTable(db, name));
}

/**
 * The row as shown: the server's state with `entries` (this record's outbox entries, pending or refused)
 * laid over it in seq order. `userId` is this device's user, whom the server will stamp (`reviewedBy`).
 */
export function overlay(
  table: MergeTableName,
  id: string,
  identity: Readonly<Record<string, string>>,
  server: ServerState,
  entries: readonly OutboxEntry[],
  userId: string,
): MergedRow {
  const spec = mergeTable(table);
  const values: Record<string, unknown> = {};
  const clocks: Record<string, string> = {};
  for (const [path, field] of Object.entries(server)) {
    values[path] = field.value;
    clocks[path] = field.hlc;
  }
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const parsed = parseWrite(spec, entry.op, entry.fields);
    if (!parsed.ok) continue;
    for (const w of fieldWrites(spec, parsed.values, { hlc: entry.hlc, by: userId })) {
      values[w.path] = w.value;
      clocks[w.path] = w.hlc;
    }
  }
  return { ...materialize(spec, id, identity, values), server, clocks } as MergedRow;
}

const keyOf = (table: string, id: string) => `${table}\u0000${id}`;

/** The outbox entries of these records, by table and id. Call inside a transaction over the outbox. */
async function entriesOf(
  db: TerrainDb,
  keys: readonly [string, string][],
): Promise<Map<string, OutboxEntry[]>> {
  const byKey = new Map<string, OutboxEntry[]>();
  if (keys.length === 0) return byKey;
  for (const entry of await db.outbox.where('[table+id]').anyOf(keys).toArray()) {
    const key = keyOf(entry.table, entry.id);
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  return byKey;
}

/**
 * Stores the pulled mergeable records of one page (later changes of a record supersede earlier ones), with
 * bulk reads and writes. Call inside the page's transaction (over the outbox and the mergeable tables).
 * Returns how many were stored and how many failed their schema.
 */
export async function applyPulledMerged(
  db: TerrainDb,
  changes: readonly PullChange[],
): Promise<{ applied: number; invalid: number }> {
  const latest = new Map<string, PullChange>();
  for (const change of changes) latest.set(keyOf(change.table, change.id), change);
  let invalid = 0;
  const rows = new Map<
    MergeTableName,
    { id: string; identity: Record<string, string>; server: ServerState }[]
  >();
  for (const change of latest.values()) {
    if (!isMergeTable(change.table)) continue;
    const spec = mergeTable(change.table);
    const parsed = spec.record.safeParse(change.data);
    if (!parsed.success || parsed.data.id !== change.id || !change.clocks) {
      invalid += 1;
      continue;
    }
    const record = parsed.data;
    const server: ServerState = {};
    for (const [path, hlc] of Object.entries(change.clocks))
      server[path] = { value: valueAt(spec, record, path), hlc };
    const list = rows.get(change.table) ?? [];
    list.push({ id: change.id, identity: identityOf(spec, record), server });
    rows.set(change.table, list);
  }
  let applied = 0;
  for (const [table, list] of rows) {
    const entries = await entriesOf(
      db,
      list.map((r) => [table, r.id]),
    );
    const shown = list.map((r) =>
      overlay(table, r.id, r.identity, r.server, entries.get(keyOf(table, r.id)) ?? [], db.userId),
    );
    await mergedTable(db, table).bulkPut(shown);
    applied += shown.length;
  }
  return { applied, invalid };
}

/**
 * Shows mergeable records again from their server state and what is left of their outbox entries, after
 * entries left the outbox. `settled` are entries the server took: their fields, except those it says
 * lost, are folded into the server state until the next pull brings the server's own. Call inside a
 * transaction over the outbox and the mergeable tables, after the outbox was updated.
 */
export async function refreshMergedRows(
  db: TerrainDb,
  touched: readonly OutboxEntry[],
  settled: readonly { entry: OutboxEntry; lost: readonly string[] }[] = [],
): Promise<void> {
  const byTable = new Map<MergeTableName, Set<string>>();
  for (const { table, id } of touched) {
    if (!isMergeTable(table)) continue;
    byTable.set(table, (byTable.get(table) ?? new Set()).add(id));
  }
  for (const [table, idSet] of byTable) {
    const spec = mergeTable(table);
    const ids = [...idSet];
    const stored = await mergedTable(db, table).bulkGet(ids);
    const entries = await entriesOf(
      db,
      ids.map((id) => [table, id]),
    );
    const rows: MergedRow[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const row = stored[i];
      if (!row) return;
      const server: ServerState = { ...row.server };
      for (const { entry, lost } of settled) {
        if (entry.table !== table || entry.id !== id) continue;
        const parsed = parseWrite(spec, entry.op, entry.fields);
        if (!parsed.ok) continue;
        const lostPaths = new Set(lost);
        for (const [field, stamp] of Object.entries(spec.stamps))
          if (lostPaths.has(field)) lostPaths.add(stamp);
        for (const w of fieldWrites(spec, parsed.values, { hlc: entry.hlc, by: db.userId })) {
          const known = server[w.path];
          if (lostPaths.has(w.path) || (known && known.hlc > w.hlc)) continue;
          server[w.path] = { value: w.value, hlc: w.hlc };
        }
      }
      const left = entries.get(keyOf(table, id)) ?? [];
      // A record only this device's discarded changes made (a refused review event, say) never existed on
      // the server: it goes, rather than stay shown as if it had been sent.
      if (Object.keys(server).length === 0 && left.length === 0) gone.push(id);
      else rows.push(overlay(table, id, identityOf(spec, row), server, left, db.userId));
    });
    await mergedTable(db, table).bulkPut(rows);
    if (gone.length > 0) await mergedTable(db, table).bulkDelete(gone);
  }
}
