import type { FieldValue } from '../../core/sync/merge';
import type { MergeTableName } from '../../core/sync/mergeTables';

/** A mergeable record as the server keeps it (a row of `entities` with its `field_state`). */
export interface MergeRecord {
  tbl: MergeTableName;
  id: string;
  projectId: string;
  /** Who created the record (its first writer). */
  createdBy: string | null;
  /** The merged record as devices pull it, a tombstone included. */
  data: Record<string, unknown>;
  deleted: boolean;
  /** Each field's value, clock and writer, by path. */
  fieldState: Record<string, FieldValue>;
  serverSeq: number;
  /** The latest clock among its fields. */
  hlc: string;
  updatedAt: string;
}

export type MergeRecordWrite = Omit<MergeRecord, 'serverSeq'> & {
  /** True when the record did not exist when the transaction read it. */
  isNew: boolean;
};

export interface ConflictSideRecord {
  value: unknown;
  hlc: string;
  by: string | null;
}

/** One value lost by a concurrent edit, and the value that won. */
export interface ConflictRecord {
  id: string;
  tbl: string;
  recordId: string;
  projectId: string;
  field: string;
  losing: ConflictSideRecord;
  winning: ConflictSideRecord;
  createdAt: string;
  restoredAt: string | null;
  restoredBy: string | null;
}

/** A conflict with the display names of both writers, for supervisors. */
export interface ConflictListing extends ConflictRecord {
  losingName: string | null;
  winningName: string | null;
}

export interface ConflictFilter {
  /** The projects the reader may see, or every project (admins). */
  projects: readonly string[] | 'all';
  /** Narrows to one project. */
  projectId?: string | undefined;
  /** `open`: not restored yet. */
  state: 'open' | 'all';
  limit: number;
}

/** Reads of the conflict log; safe with or without a transaction. */
export interface MergeReads {
  /** Newest first. */
  listConflicts(filter: ConflictFilter): Promise<ConflictListing[]>;
  getConflict(id: string): Promise<ConflictListing | undefined>;
  /**
   * The projects, not deleted, whose stored record may name this organisation (src/server/sync/
   * organisationUse.ts decides which do): a text search of their JSON, so a few may not.
   */
  projectsNamingOrganisation(
    organisationId: string,
  ): Promise<{ id: string; data: Record<string, unknown> }[]>;
  /**
   * The transactions and planned disbursements, not deleted, whose provider or receiver is this
   * organisation (docs/aid-flows.md), with their project.
   */
  flowsNamingOrganisation(organisationId: string): Promise<{ tbl: string; id: string; projectId: string }[]>;
}

/** Writes of mergeable records, only inside a transaction. */
export interface MergeWrites {
  /**
   * The stored records of `tbl` among `ids` (tombstones included), locked until the transaction ends on
   * PostgreSQL, so two pushes merging into one record run one after the other.
   */
  lockMergeRecords(tbl: MergeTableName, ids: readonly string[]): Promise<MergeRecord[]>;
  /**
   * Writes merged records with consecutive fresh server_seqs in the given order, which it returns. A record
   * marked new that exists after all (a concurrent first write won the race) makes it throw: the caller's
   * transaction then rolls back whole and the device retries, so no merge is ever lost.
   */
  writeMergeRecords(records: readonly MergeRecordWrite[]): Promise<number[]>;
  /** Stores lost values; one already logged (same table, record, field and losing clock) is kept as is. */
  insertConflicts(conflicts: readonly ConflictRecord[]): Promise<void>;
  /** False when the conflict was restored already (or does not exist). */
  markConflictRestored(id: string, at: string, by: string): Promise<boolean>;
}
