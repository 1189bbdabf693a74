import type { FormVersion } from '../../core/records/formVersion';
import type { Project } from '../../core/records/project';
import type { Submission } from '../../core/records/submission';

/**
 * The records the browser keeps in IndexedDB. Server records (projects, forms, submissions) keep their core
 * shape and gain only the local bookkeeping the device needs; drafts and the outbox never leave the device
 * as such.
 */

/** A survey being filled. Drafts never sync (as in ODK Collect): only finalizing creates a mutation. */
export interface DraftRecord {
  id: string;
  formId: string;
  formVersion: string;
  projectId: string;
  answers: Record<string, unknown>;
  startedAt: string;
  updatedAt: string;
}

/**
 * The bytes of a file answer (photo, recording, file), named by their SHA-256 as the answer's MediaRef
 * names them. Kept on the device until the upload of media is built; the same bytes are stored once.
 */
export interface MediaRecord {
  sha256: string;
  blob: Blob;
  name: string;
  type: string;
  size: number;
  createdAt: string;
}

export type SubmissionSyncState = 'pending' | 'synced' | 'rejected';

export interface SubmissionRecord extends Submission {
  syncState: SubmissionSyncState;
  /** `local`: made by this device's user; `remote`: pulled from someone else. */
  origin: 'local' | 'remote';
  /**
   * Set when the user deliberately discarded the rejected mutation of this submission: the record stays on
   * the device (nothing an agent entered is silently lost) but will not be sent again.
   */
  discardedAt?: string;
}

export interface OutboxRejection {
  code: string;
  message: string;
  details?: unknown;
  at: string;
}

/** One local change waiting for the server, or refused by it and waiting for the user. */
export interface OutboxEntry {
  /** 1, 2, 3… per client: the server applies each seq once and refuses gaps. */
  seq: number;
  mutationId: string;
  table: string;
  id: string;
  op: 'put' | 'delete';
  fields: Record<string, unknown>;
  hlc: string;
  createdAt: string;
  state: 'pending' | 'rejected';
  rejection?: OutboxRejection;
}

/** key = formVersionKey(formId, version), which is also the form's sync id. */
export type FormRecord = FormVersion & { key: string };

export type ProjectRecord = Project;

export interface SyncError {
  code: string;
  message: string;
  at: string;
}

/** The one row of the `meta` table: this device's identity and sync position for one user. */
export interface SyncMeta {
  key: 'sync';
  clientId: string;
  /** The seq the next outbox entry gets. */
  nextSeq: number;
  /** The pull cursor, stored in the same transaction as the page it ends. */
  cursor: number;
  lastSyncAt: string | null;
  lastError: SyncError | null;
  /** The last hybrid logical clock value issued on this device, so clocks stay monotonic across reloads. */
  hlc: string;
}
