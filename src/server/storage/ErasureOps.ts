import type { AuditRecord } from './Storage';

/** A record about an erased submission that goes with it: its review, or an event of its review history. */
export interface RecordAbout {
  tbl: 'reviews' | 'reviewEvents';
  id: string;
}

/** A file an erased submission named, and the other submissions that still name it. */
export interface DroppedFile {
  sha256: string;
  namedBy: { id: string; projectId: string }[];
}

/** What an erased version leaves: a row of `entities` with no content (see erasureMigration.ts). */
export interface SubmissionTombstone {
  id: string;
  /** The chain's first version: agents pull the tombstones of their own submissions' versions by it. */
  rootId: string;
}

/**
 * The writes of an erasure (src/server/erasure/eraseSubmission.ts), only inside its transaction. Locks are
 * taken in the order pushes take them (review rows, then the chain's root, then the server_seq counter), so
 * an erasure and a push wait for each other rather than deadlock.
 */
export interface ErasureOps {
  /** Takes the server_seq counter's lock until commit (see eraseSubmission.ts for why). */
  lockSeqCounter(): Promise<void>;
  /** The reviews and review events about these submissions, locked until commit on PostgreSQL. */
  lockRecordsAbout(submissionIds: readonly string[]): Promise<RecordAbout[]>;
  /** Deletes these mergeable records outright (no tombstone: devices drop them with their submission). */
  deleteRecords(records: readonly RecordAbout[]): Promise<void>;
  /** Deletes the conflict log entries about these records; returns how many. */
  deleteConflicts(records: readonly RecordAbout[]): Promise<number>;
  /** Deletes the version rows of these submissions. */
  deleteVersions(ids: readonly string[]): Promise<void>;
  /** Deletes the references of these submissions to files; returns each file they named, and who else does. */
  dropMediaRefs(submissionIds: readonly string[]): Promise<DroppedFile[]>;
  /** Deletes these files' bytes, blobs and every upload of them (complete or not, whoever sent it). */
  deleteMediaFiles(sha256s: readonly string[]): Promise<void>;
  /**
   * Turns these submissions into tombstones (`deleted` 1, data `{}`), each with a fresh server_seq, so every
   * device pulls the erasure, even one whose cursor passed the submission long ago.
   */
  writeTombstones(tombstones: readonly SubmissionTombstone[], at: string): Promise<void>;
  /** The stored refused changes that name any of these ids (payloads still whole). */
  rejectedNaming(ids: readonly string[]): Promise<{ mutationId: string; payload: unknown }[]>;
  /** The audit entries about these records that still hold details as written. */
  auditAbout(records: readonly RecordAbout[]): Promise<AuditRecord[]>;
  /** Replaces these entries' details (a redaction marker, src/server/audit/redaction.ts). */
  redactAudit(seqs: readonly number[], detailsJson: string): Promise<void>;
}
