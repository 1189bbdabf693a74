import type { FieldValue, FieldWrite, LostValue } from '../../core/sync/merge';
import {
  isStampPath,
  type MergeTableName,
  type MergeTableSpec,
  type ParentTable,
} from '../../core/sync/mergeTables';
import type { Mutation, MutationResult } from '../../core/sync/protocol';

/** The working state of a merge batch (mergeBatch.ts): its records, their parents, and the audit details. */

export type Applied = Extract<MutationResult, { status: 'applied' }>;
export type Conflicted = Extract<MutationResult, { status: 'conflict' }>;

/** A record as this batch sees it: stored, then merged into by the batch's writes. */
export interface Working {
  tbl: MergeTableName;
  spec: MergeTableSpec;
  id: string;
  identity: Record<string, string>;
  projectId: string;
  createdBy: string | null;
  fieldState: Record<string, FieldValue>;
  isNew: boolean;
  /** The stored server_seq; replaced by the new one when the batch writes the record. */
  serverSeq: number;
  dirty: boolean;
  /** Results waiting for the record's new server_seq. */
  results: (Applied | Conflicted)[];
}

export interface ParentState {
  projectId: string;
  deleted: boolean;
}

/** Where a record's parent (a review's submission) is, if the surrounding batch queued it. */
export type ParentLookup = (table: ParentTable, id: string) => ParentState | null;

/** How a refusal names a parent that is missing. */
export const PARENT_NAMES: Record<ParentTable, string> = {
  submissions: 'Submission',
  indicators: 'Indicator',
  indicatorValues: 'Indicator value',
};

/** The identity fields of a mutation as given (not validated yet): enough to find its parent. */
export function givenIdentity(
  spec: MergeTableSpec,
  fields: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const identity: Record<string, string> = {};
  for (const name of Object.keys(spec.identity)) {
    const value = fields[name];
    identity[name] = typeof value === 'string' ? value : '';
  }
  return identity;
}

export const keyOf = (tbl: string, id: string) => `${tbl}\u0000${id}`;

/**
 * What a change did to a record, for the audit log: each field it wrote, with the value before and after
 * the merge (the same when the write lost to a newer value: the conflict log holds the loser).
 */
export function changeDetails(
  before: Readonly<Record<string, FieldValue>>,
  after: Readonly<Record<string, FieldValue>>,
  writes: readonly FieldWrite[],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const details = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const { path } of writes) {
    details.before[path] = before[path]?.value ?? null;
    details.after[path] = after[path]?.value ?? null;
  }
  return details;
}

/**
 * The answer to a merged change: `applied`, or `conflict` naming the fields of this very change that lost to
 * newer values (its stamps go with the field they follow). The serverSeq is filled in by the batch's flush.
 */
export function mergeResult(
  m: Mutation,
  spec: MergeTableSpec,
  lost: readonly LostValue[],
  write: { hlc: string; by: string },
  serverSeq: number,
): Applied | Conflicted {
  const mine = lost
    .filter((l) => l.losing.hlc === write.hlc && l.losing.by === write.by && !isStampPath(spec, l.path))
    .map((l) => l.path);
  if (mine.length === 0) return { mutationId: m.mutationId, seq: m.seq, status: 'applied', serverSeq };
  return {
    mutationId: m.mutationId,
    seq: m.seq,
    status: 'conflict',
    message: `Newer values were kept for ${mine.join(', ')}; yours are in the conflict log`,
    serverSeq,
    fields: mine,
  };
}
