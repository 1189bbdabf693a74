import { z } from 'zod/mini';
import type { FieldStates, FieldWrite } from './merge';
import { DELETED, type MergeTableSpec } from './mergeTables';

/**
 * A mergeable table's records in and out of their field states, by the table's entry in the registry
 * (mergeTables.ts): a mutation's fields parsed into field writes, and the record devices see materialized
 * from the merged fields. The device's store and the server's push, pull and conflict log share them.
 */

const writeSchemas = new WeakMap<MergeTableSpec, z.ZodMiniType<Record<string, unknown>>>();

/** A put's `fields`: the identity, then any of the fields, map fields partially (null removes an entry). */
function writeSchema(spec: MergeTableSpec): z.ZodMiniType<Record<string, unknown>> {
  let schema = writeSchemas.get(spec);
  if (!schema) {
    const shape: Record<string, z.ZodMiniType> = { ...spec.identity };
    for (const [name, field] of Object.entries(spec.fields)) shape[name] = z.optional(field);
    for (const [name, map] of Object.entries(spec.maps))
      shape[name] = z.optional(z.record(map.key, z.nullable(map.value)));
    schema = z.strictObject(shape);
    writeSchemas.set(spec, schema);
  }
  return schema;
}

export type ParsedWrite =
  | { ok: true; identity: Record<string, string>; values: Record<string, unknown> }
  | { ok: false; error: z.core.$ZodError };

/**
 * A mutation's fields as field writes by path. Every write carries the record's identity.
 *
 * Tombstones: a `delete` writes `deleted = true`, and every `put` writes `deleted = false` along with its
 * fields, so deletes and edits merge by the same rule: the later one wins. A delete that wins over an edit
 * it had not seen keeps the edited fields in the tombstone and logs the edit's `deleted = false` as lost
 * (restoring it brings the record back with them); an edit that wins over a delete it had not seen brings
 * the record back and logs the delete.
 */
export function parseWrite(
  spec: MergeTableSpec,
  op: 'put' | 'delete',
  fields: Record<string, unknown>,
): ParsedWrite {
  const identityOnly = z.strictObject(spec.identity);
  const parsed = op === 'delete' ? identityOnly.safeParse(fields) : writeSchema(spec).safeParse(fields);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const identity: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed.data)) {
    if (name in spec.identity) identity[name] = value as string;
    else if (name in spec.maps) {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>))
        values[`${name}.${key}`] = entry;
    } else if (value !== undefined) values[name] = value;
  }
  values[DELETED] = op === 'delete';
  return { ok: true, identity, values };
}

/** The field writes of one change: its values plus the stamps, at one clock, by one writer. */
export function fieldWrites(
  spec: MergeTableSpec,
  values: Readonly<Record<string, unknown>>,
  at: {
    hlc: string;
    by: string | null;
    /** The writer's display name, for `nameStamps`: the server's to give (devices leave them unset). */
    byName?: string | null;
    base?: Readonly<Record<string, string>> | undefined;
  },
): FieldWrite[] {
  const writes: FieldWrite[] = [];
  const add = (path: string, value: unknown, basePath = path) =>
    writes.push({ path, value, hlc: at.hlc, by: at.by, base: at.base?.[basePath] });
  for (const [path, value] of Object.entries(values)) {
    add(path, value);
    const stamp = spec.stamps[path];
    if (stamp) add(stamp, at.by, path);
    const name = spec.nameStamps?.[path];
    if (name && at.byName !== undefined) add(name, at.byName, path);
  }
  return writes;
}

/** The record devices see, from its identity and the current value of each field. */
export function materialize(
  spec: MergeTableSpec,
  id: string,
  identity: Readonly<Record<string, string>>,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const record: Record<string, unknown> = { id, ...identity, ...structuredClone(spec.defaults) };
  record[DELETED] = false;
  for (const [path, value] of Object.entries(values)) {
    const dot = path.indexOf('.');
    const map = dot > 0 ? path.slice(0, dot) : null;
    if (map !== null && map in spec.maps) {
      const entries = (record[map] ??= {}) as Record<string, unknown>;
      if (value === null) delete entries[path.slice(dot + 1)];
      else entries[path.slice(dot + 1)] = value;
    } else {
      record[path] = value;
    }
  }
  return record;
}

/** The current value of each field of a merged state. */
export function valuesOf(state: FieldStates): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).map(([path, field]) => [path, field.value]));
}

/** A field's value read back from a materialized record (a map entry that is absent reads as null). */
export function valueAt(
  spec: MergeTableSpec,
  record: Readonly<Record<string, unknown>>,
  path: string,
): unknown {
  const dot = path.indexOf('.');
  const map = dot > 0 ? path.slice(0, dot) : null;
  if (map !== null && map in spec.maps) {
    const entries = record[map] as Record<string, unknown> | undefined;
    return entries?.[path.slice(dot + 1)] ?? null;
  }
  return record[path] ?? null;
}

/** The identity fields of a materialized record. */
export function identityOf(
  spec: MergeTableSpec,
  record: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const identity: Record<string, string> = {};
  for (const name of Object.keys(spec.identity)) {
    const value = record[name];
    identity[name] = typeof value === 'string' ? value : '';
  }
  return identity;
}
