import type { FormVersion } from '../../core/records/formVersion';
import type { Member } from '../../core/records/member';
import type { Indicator } from '../../core/records/indicator';
import type { IndicatorValue } from '../../core/records/indicatorValue';
import type { Organisation } from '../../core/records/organisation';
import type { Project } from '../../core/records/project';
import type { Review } from '../../core/records/review';
import type { ReviewEvent } from '../../core/records/reviewEvent';
import type { Submission } from '../../core/records/submission';
import type { ExchangeRate } from '../../core/records/exchangeRate';
import type { PlannedDisbursement } from '../../core/records/plannedDisbursement';
import type { Transaction } from '../../core/records/transaction';
import type { ServerKeyResponse } from '../../core/sync/sealed';

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
  /** Set on a correction: the submission its finalized version will replace (a new version of it). */
  replaces?: string;
  /**
   * What `${last-saved#name}` reads: this device's last submission of the form when the draft started, kept
   * with the draft (sealed like its answers) so the fill page and finalizing read the same values, as ODK
   * fixes its last-saved instance when the form opens.
   */
  lastSaved?: Record<string, unknown>;
  /**
   * What tells the draft apart in lists, written with its answers: the form's instance_name evaluated, else
   * its first text answer (core/forms/summary.ts). Sealed like the answers (it is made of them).
   */
  label?: string;
}

/**
 * The bytes of a file answer (photo, recording, file), named by their SHA-256 as the answer's MediaRef
 * names them; the same bytes are stored once. They stay on the device after their upload (the agent may
 * still look at them), and files a reviewer opened are kept here too, for offline use.
 */
export interface MediaRecord {
  sha256: string;
  blob: Blob;
  name: string;
  type: string;
  size: number;
  createdAt: string;
  /**
   * `pending`: a submission naming it was sent, the bytes must follow; `uploaded`: the server holds them
   * (also for files downloaded from it); `refused`: the server will never take them (`uploadError` says
   * why); `unchecked`: stored before version 3, not yet looked up. Absent while only drafts name the file:
   * a photo taken then removed never leaves the device.
   */
  uploadState?: 'pending' | 'uploaded' | 'refused' | 'unchecked';
  uploadError?: string;
}

/**
 * A media file of the forms on the device (an image, sound or video their labels name, FormVersion.files),
 * named by its SHA-256, downloaded by the sync after the version (src/app/sync/formFiles.ts) so the form
 * shows it offline. Published to every member of the project: not sealed.
 */
export interface FormFileRecord {
  sha256: string;
  blob: Blob;
  type: string;
  size: number;
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
  /**
   * Version bookkeeping (src/app/repositories/submissionVersions.ts). `versionHlc` orders a version that
   * replaces another (the server's value once pulled); `versionState` is absent on a current version;
   * `versionConflicts` counts, on a current version, the concurrent corrections that lost to it.
   */
  versionHlc?: string;
  versionState?: 'superseded' | 'conflicting';
  versionConflicts?: number;
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
  /** Mergeable tables: the clock of each written field's value as the user saw it (the protocol's `base`). */
  base?: Record<string, string>;
  hlc: string;
  createdAt: string;
  state: 'pending' | 'rejected';
  rejection?: OutboxRejection;
}

/** key = formVersionKey(projectId, formId, version), which is also the form's sync id. */
export type FormRecord = FormVersion & { key: string };

export type ProjectRecord = Project;

/**
 * What the device keeps of a mergeable record besides the record as shown (src/app/sync/mergedRows.ts): the
 * server's merged state as last pulled, over which this device's changes still in the outbox are laid.
 */
export interface MergedRowState {
  /** The server's value and clock of each field, by path (`status`, `fieldComments.age`, `deleted`). */
  server: Record<string, { value: unknown; hlc: string }>;
  /** The clock of each field as shown (the server's, or a local change's): the base of the next edit. */
  clocks: Record<string, string>;
}

/** A review as shown on this device; `deleted` ones (withdrawn) are kept but not shown. */
export type ReviewRecord = Review & MergedRowState;

/** One action of the review history; it is in the outbox (not yet sent) until the server has it. */
export type ReviewEventRecord = ReviewEvent & MergedRowState;

/** Coordination records (issue 5): organisations, indicators and their values, merged like reviews. */
export type OrganisationRecord = Organisation & Partial<MergedRowState>;
export type IndicatorRecord = Indicator & Partial<MergedRowState>;
export type IndicatorValueRecord = IndicatorValue & Partial<MergedRowState>;

/** Aid flows (docs/aid-flows.md), merged like the other coordination records. */
export type TransactionRecord = Transaction & Partial<MergedRowState>;
export type PlannedDisbursementRecord = PlannedDisbursement & Partial<MergedRowState>;
export type ExchangeRateRecord = ExchangeRate & Partial<MergedRowState>;

/** A member of one of the user's projects (pulled, read only): who did what, by name and role. */
export type MemberRecord = Member;

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
  /** The server's `scope` stored with the cursor (src/core/sync/protocol.ts PullResponse). */
  scope?: number;
  /** The tables this app pulled with (PULL_TABLES, comma-separated); a change restarts the pull from 0. */
  pullTables?: string;
  lastSyncAt: string | null;
  lastError: SyncError | null;
  /** The last hybrid logical clock value issued on this device, so clocks stay monotonic across reloads. */
  hlc: string;
  /**
   * This device's ECDSA P-256 key pair (src/app/sync/deviceKey.ts), its private key not extractable: it
   * signs export files. Kept as CryptoKeys (IndexedDB stores them as such); absent until first made.
   */
  deviceKey?: CryptoKeyPair;
  /** When the server registered the public key; until then, export files cannot be imported over HTTP. */
  deviceKeyRegisteredAt?: string;
  /** Why the server refused the registration for good (a revoked device, another key), if it did. */
  deviceKeyRefusal?: SyncError | null;
  /**
   * The server's public key, as it gave it to this device signed in (`GET /api/server-key`): pending changes
   * are sealed to it as they are written (src/app/vault/serverSeal.ts), also offline.
   */
  serverKey?: ServerKeyResponse;
  /**
   * The highest seq the server has answered for among changes sent sealed (by a locked app, or by another
   * user of this tablet: src/app/vault/sealedOutbox.ts): they are not sent sealed again. The user's own
   * engine still sends them (answered `duplicate`), which is how their results reach the sealed rows.
   */
  sealedSentSeq?: number;
}
