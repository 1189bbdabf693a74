import { decodeHlc, encodeHlc } from '../hlc';
import { canonicalJson } from './canonicalJson';

/**
 * Per-field last-writer-wins merge by hybrid logical clock: the rule by which the server (and every device
 * that replays it) combines concurrent edits of a mergeable record (src/core/sync/mergeTables.ts).
 *
 * A record is a set of fields named by a path (`status`, `fieldComments.age`, `deleted`), each holding its
 * value, the clock of the write that set it and who wrote it. A write to a field wins when its clock is
 * greater; on equal clocks (only possible for one and the same write, since the clock ends with its device's
 * id) the canonical JSON of the value and then the writer break the tie, so every replica picks the same
 * winner whatever the order writes arrive in. The state of a field is thus the maximum of every write it has
 * seen: merging is commutative, associative and idempotent.
 *
 * A LOST value is a value beaten by a write whose author had not seen it: a concurrent edit. Each write
 * carries, per field, the clock of the value its author saw (`base`), and the stored value keeps it. When
 * two values of a field meet (a write arrives), the lesser one is reported lost unless the greater one's
 * base is at least its clock (its author saw it, or something newer, and replaced it on purpose) or both
 * hold the same value. The rule looks only at the two values, so it is the same whichever arrived first;
 * which pairs meet does depend on the order, and the guarantee is: every value that is not the final one
 * is reported, unless a later write's author had seen it (tests/core/sync/merge.property.test.ts).
 */

export interface FieldValue {
  value: unknown;
  hlc: string;
  /** Who wrote it (a user id); null when unknown (e.g. on a device, for values it pulled). */
  by: string | null;
  /** The clock of the value the writer had for this field; absent when they had none. */
  base?: string | undefined;
}

export type FieldStates = Readonly<Record<string, FieldValue>>;

export interface FieldWrite extends FieldValue {
  path: string;
}

export interface LostValue {
  path: string;
  losing: FieldValue;
  winning: FieldValue;
}

const valueKey = (value: unknown) => canonicalJson(value) ?? 'null';

export function sameValue(a: unknown, b: unknown): boolean {
  return valueKey(a) === valueKey(b);
}

/** Total order of two values of one field: clock, then value, then writer (and what they had seen). */
export function compareFieldValues(a: FieldValue, b: FieldValue): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  const av = valueKey(a.value);
  const bv = valueKey(b.value);
  if (av !== bv) return av < bv ? -1 : 1;
  const ab = `${a.by ?? ''}\u0000${a.base ?? ''}`;
  const bb = `${b.by ?? ''}\u0000${b.base ?? ''}`;
  return ab < bb ? -1 : ab > bb ? 1 : 0;
}

function stored({ value, hlc, by, base }: FieldValue): FieldValue {
  return base === undefined ? { value, hlc, by } : { value, hlc, by, base };
}

/** Whether `winner` replaced `loser` without its author having seen it. */
function unseen(winner: FieldValue, loser: FieldValue): boolean {
  return (winner.base === undefined || winner.base < loser.hlc) && !sameValue(winner.value, loser.value);
}

/** One write into one field: the field's next state and the value it lost, if any. */
export function mergeField(
  current: FieldValue | undefined,
  write: FieldWrite,
): { next: FieldValue; lost: LostValue | null } {
  const incoming = stored(write);
  if (!current) return { next: incoming, lost: null };
  const order = compareFieldValues(incoming, current);
  if (order === 0) return { next: current, lost: null };
  const [winning, losing] = order > 0 ? [incoming, current] : [current, incoming];
  return { next: winning, lost: unseen(winning, losing) ? { path: write.path, losing, winning } : null };
}

export interface MergeResult {
  state: Record<string, FieldValue>;
  lost: LostValue[];
  /** Paths whose stored value or clock changed. */
  changed: string[];
}

/** Applies writes in order to a record's fields; `state` itself is left untouched. */
export function applyWrites(state: FieldStates, writes: readonly FieldWrite[]): MergeResult {
  const next: Record<string, FieldValue> = { ...state };
  const lost: LostValue[] = [];
  const changed = new Set<string>();
  for (const write of writes) {
    const result = mergeField(next[write.path], write);
    if (result.next !== next[write.path]) {
      next[write.path] = result.next;
      changed.add(write.path);
    }
    if (result.lost) lost.push(result.lost);
  }
  return { state: next, lost, changed: [...changed] };
}

/** The join of two states: per field, the greater value. What any delivery order of their writes gives. */
export function mergeStates(a: FieldStates, b: FieldStates): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { ...a };
  for (const [path, value] of Object.entries(b)) {
    const mine = out[path];
    if (!mine || compareFieldValues(value, mine) > 0) out[path] = value;
  }
  return out;
}

/** The greatest clock among the record's fields (its `hlc` as a whole); '' for an empty state. */
export function latestHlc(state: FieldStates): string {
  let latest = '';
  for (const { hlc } of Object.values(state)) if (hlc > latest) latest = hlc;
  return latest;
}

/**
 * The smallest clock of `node` that sorts after `hlc`: what a write that must beat a value it has seen gets,
 * when the local clock is behind (a server restore, a device whose clock runs late).
 */
export function hlcAfter(hlc: string, node: string): string {
  const { wall, counter } = decodeHlc(hlc);
  if (counter >= 99_999) return encodeHlc({ wall: wall + 1, counter: 0, node });
  return encodeHlc({ wall, counter: counter + 1, node });
}
