import type { z } from 'zod/mini';
import { mergeTable, type MergeTableName } from '../../core/sync/mergeTables';
import { parseWrite } from '../../core/sync/mergeRecords';
import type { TerrainDb } from '../db/TerrainDb';
import { overlay, type MergedRow } from '../sync/mergedRows';
import { appendMutation } from './appendMutation';

/**
 * Edits of the coordination records (organisations, projects, indicators) from their pages. One rule for
 * all three, the one reviews.ts and indicatorValues.ts follow: in ONE transaction the record as shown and
 * its outbox mutation; only the fields that differ from what the user saw are written, each with the clock
 * of the value it replaces as base, so a colleague's concurrent edit of another field survives the merge.
 */

/** What is wrong with a change, by path (`code`, `sectors.0.percentage`), as i18n message keys. */
export type EditProblems = Record<string, string>;

/** A change refused on the device, with its problems by path; nothing was written. */
export class EditInvalidError extends Error {
  constructor(readonly problems: EditProblems) {
    super(`Invalid change: ${Object.keys(problems).join(', ')}`);
    this.name = 'EditInvalidError';
  }
}

/** The path of a zod issue as the forms name their fields: `sectors.0.percentage`. */
export function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The same path without list indexes (`sectors.percentage`): what picks a field's message. */
function shapeOf(path: string): string {
  return path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
}

/**
 * Adds the problems of a failed parse, one per path: the message the table gives the field's shape, else
 * `fallback`; `prefix` is the path of the value parsed. The first problem of a path wins: it is the one the user fixes first.
 */
export function addIssues(
  problems: EditProblems,
  error: z.core.$ZodError,
  messages: Readonly<Record<string, string>>,
  fallback: string,
  prefix: readonly PropertyKey[] = [],
): void {
  for (const issue of error.issues) {
    const path = pathOf([...prefix, ...issue.path]);
    problems[path] ??= messages[shapeOf(path)] ?? fallback;
  }
}

/**
 * Checks each field of `change` with the sync's write schema of `table` (what the server will check) and
 * adds the problems, with the message of each field's shape.
 */
export function addWriteIssues(
  problems: EditProblems,
  table: MergeTableName,
  change: Readonly<Record<string, unknown>>,
  messages: Readonly<Record<string, string>>,
): void {
  const fields = mergeTable(table).fields;
  for (const [name, value] of Object.entries(change)) {
    const parsed = value === undefined ? undefined : fields[name]?.safeParse(value);
    if (parsed && !parsed.success) addIssues(problems, parsed.error, messages, 'edit.error.invalid', [name]);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Deep equality of field values as JSON holds them; a key whose value is undefined counts as absent, and
 * key order does not matter (a pulled record may list an object's keys in another order than the form).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const [ka, kb] = [keys(a), keys(b)];
  return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
}

/**
 * Saves `values` (any fields of `table`, as the record holds them) of the record `id`, creating it when the
 * device has none. `seen` is the record as the user's form loaded it (default: as the device holds it now):
 * what the values are compared with, and whose clocks are the bases. A colleague's edit pulled while the
 * form was open is therefore not written back over: only what the user changed is. Returns the row as
 * shown, or the current row when nothing differs (nothing is written). Throws when the write schema refuses
 * the change: callers check their own rules first, with messages.
 */
export async function saveEdit(
  db: TerrainDb,
  table: MergeTableName,
  id: string,
  identity: Record<string, string>,
  values: Readonly<Record<string, unknown>>,
  now: Date,
  seen?: Readonly<Record<string, unknown>> & { clocks?: Record<string, string> },
): Promise<MergedRow | undefined> {
  const spec = mergeTable(table);
  const rows = db.table<MergedRow, string>(table);
  return db.transaction('rw', [rows, db.outbox, db.meta], async () => {
    const current = await rows.get(id);
    const before = seen ?? current;
    // A deleted record is edited as if new; the edit brings it back.
    const shown: Readonly<Record<string, unknown>> = before && !before.deleted ? before : spec.defaults;
    // A project stored by a server of before projects merged has no per-field state: its fields as stored.
    const server =
      current?.server ??
      (current
        ? Object.fromEntries(Object.keys(spec.fields).map((f) => [f, { value: current[f], hlc: '' }]))
        : {});
    const fields: Record<string, unknown> = { ...identity };
    const base: Record<string, string> = {};
    const saw = (path: string) => {
      const hlc = before?.clocks?.[path];
      if (hlc) base[path] = hlc;
    };
    for (const [name, next] of Object.entries(values)) {
      if (!(name in spec.fields) || next === undefined) continue;
      if (sameValue(next, shown[name] ?? spec.defaults[name] ?? null)) continue;
      fields[name] = next;
      saw(name);
    }
    if (Object.keys(fields).length === Object.keys(identity).length) return current;
    // Every put also says the record is not deleted: name the tombstone's clock as seen.
    saw('deleted');

    const parsed = parseWrite(spec, 'put', fields);
    if (!parsed.ok) throw parsed.error;
    await appendMutation(db, { table, id, op: 'put', fields, base }, now);
    const entries = await db.outbox.where('[table+id]').equals([table, id]).toArray();
    const row = overlay(table, id, identity, server, entries, db.userId);
    await rows.put(row);
    return row;
  });
}
