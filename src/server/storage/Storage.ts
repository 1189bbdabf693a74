import type { FormFileOps } from './FormFileOps';
import type { IatiBaseOps } from './IatiBaseOps';
import type { ExportReads } from '../export/ExportReads';
import type { PullTable } from '../../core/sync/protocol';
import type { Role } from '../../core/records/user';
import type { LimitOps } from './LimitOps';
import type { MapPackOps } from './MapPackOps';
import type { BoundaryOps } from './BoundaryOps';
import type { MediaOps } from './MediaOps';
import type { SignInThrottleOps } from './SignInThrottleOps';
import type { DeviceOps } from './DeviceOps';
import type { ServerKeyOps } from './ServerKeyOps';
import type { FieldValue } from '../../core/sync/merge';
import type { MergeReads, MergeWrites } from './MergeStorage';
import type { ErasureOps } from './ErasureOps';
import type { RetentionOps } from './RetentionOps';
import type { VaultSecretOps } from './VaultSecretOps';

/** The one storage interface of the server; `createStorage` gives a Kysely implementation for each dialect. */
export type DatabaseKind = 'sqlite' | 'postgres';

export interface OrganisationRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  passwordHash: string;
  createdAt: string;
  disabled: boolean;
}

export interface TokenRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** The device that registered with this token, if any: revoking that device ends the token. */
  clientId?: string | null;
}

/** A record devices pull: a project, a form version or a submission. */
export interface EntityRecord {
  tbl: PullTable;
  id: string;
  projectId: string;
  createdBy: string | null;
  /** The record itself; null for a tombstone. */
  data: Record<string, unknown> | null;
  deleted: boolean;
  serverSeq: number;
  hlc: string;
  updatedAt: string;
  /** Mergeable records only: each field's value, clock and writer (their `data` is kept in a tombstone). */
  fieldState?: Record<string, FieldValue>;
}

export type EntityWrite = Omit<EntityRecord, 'serverSeq' | 'deleted' | 'data'> & {
  data: Record<string, unknown>;
  deleted?: boolean;
};

export interface ClientState {
  clientId: string;
  userId: string;
  lastSeq: number;
  /** Set when an operator revoked the device: it may push no more. */
  revokedAt?: string | null;
}

export interface RejectedMutationRecord {
  mutationId: string;
  clientId: string;
  userId: string;
  seq: number;
  /** The whole mutation as the device sent it, so nothing a field agent entered is ever lost. */
  payload: unknown;
  code: string;
  message: string;
  details?: unknown;
  createdAt: string;
}

/**
 * One security-relevant act (docs/security.md, "Audit trail"). The log is append-only and hash-chained
 * (src/server/audit/chain.ts).
 */
export interface AuditEntry {
  at: string;
  /** Who acted: an account, or null for the operator at the server's console. */
  userId: string | null;
  /** A dotted name: `auth.login`, `submission.create`, `projects.put`, `export.csv`… */
  action: string;
  /** What it acted on. */
  tbl: string | null;
  recordId: string | null;
  /** Whom it was done for, when not the actor: the file's user of an imported change. */
  onBehalfOf?: string | null;
  /** The client's network address and user agent, for acts that came over HTTP. */
  address?: string | null;
  userAgent?: string | null;
  /** What else says what happened (JSON): an export's filters and row count, a record's before and after. */
  details?: unknown;
}

/** An audit entry as stored: its place in the chain and the hashes that link it. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  onBehalfOf: string | null;
  address: string | null;
  userAgent: string | null;
  /** `details` as stored (the text the hash covers). */
  detailsJson: string | null;
  prevHash: string;
  hash: string;
}

/** Which audit entries to list, newest first. */
export interface AuditFilter {
  userId?: string;
  /** An exact action, or a prefix ending in `.` (`auth.`). */
  action?: string;
  /** ISO time: entries at or after it. */
  since?: string;
  /** Entries with a smaller seq only (paging backwards). */
  beforeSeq?: number;
}

/**
 * One version of an edited submission (src/core/records/submissionVersions.ts). A submission gets a row when
 * it is first replaced (as its chain's root) or when it replaces another; one never edited has none.
 */
export interface SubmissionVersionRecord {
  id: string;
  projectId: string;
  formId: string;
  replaces: string | null;
  /** The chain's first version: the logical submission. */
  rootId: string;
  /** Who made the first version: they may correct every later one (ODK's submitter). */
  author: string;
  createdBy: string;
  /** The server's (clamped) hlc of the version: it decides which of two concurrent edits is current. */
  hlc: string;
  /** The chain's current version while this one is not current; null for the current one. */
  supersededBy: string | null;
  /** A concurrent edit that lost: a leaf of the chain that is not current. */
  conflicting: boolean;
}

/** What one user may pull. */
export interface PullScope {
  userId: string;
  /** Admins see every project. */
  allProjects: boolean;
  /** Agents see only the submissions they created. */
  ownSubmissionsOnly: boolean;
}

/** Reads and writes that are safe with or without a surrounding transaction. */
export interface StorageOps extends MergeReads {
  /** Media blobs, uploads and references (docs/sync-protocol.md, "Media"). */
  readonly media: MediaOps;
  /** The media files of published forms, by SHA-256 (src/server/forms/formMedia.ts). */
  readonly formFiles: FormFileOps;
  /** Read-only queries of the exports (src/server/export). */
  readonly exports: ExportReads;
  /** Failed sign-ins and locks per account and address (src/server/auth/signInThrottle.ts). */
  readonly signInThrottle: SignInThrottleOps;
  /** Devices: their owner, key, revocation, last push and pull (src/server/devices). */
  readonly devices: DeviceOps;
  insertOrganisation(org: OrganisationRecord): Promise<void>;
  insertUser(user: UserRecord): Promise<void>;
  userByUsername(username: string): Promise<UserRecord | undefined>;
  userById(id: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;

  insertToken(token: TokenRecord): Promise<void>;
  tokenByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  revokeToken(tokenHash: string, at: string): Promise<void>;

  /** Creates the project's membership anchor if missing; its content lives in the `projects` entity. */
  ensureProjectRow(id: string, organisationId: string | null, createdAt: string): Promise<void>;
  /** True when the user was not a member yet (see KyselyAccountOps). */
  addProjectMember(projectId: string, userId: string): Promise<boolean>;
  /**
   * Names `userId` (their `members` record) to the devices of the projects among `projectIds` whose records
   * they wrote, when those devices do not know them yet: an admin who is no member (KyselyAccountOps).
   */
  recordActingPerson(userId: string, projectIds: Iterable<string>): Promise<void>;
  /** When what the user may pull last grew: the server_seq of their latest membership (0 if none). */
  scopeSeq(userId: string): Promise<number>;
  isProjectMember(projectId: string, userId: string): Promise<boolean>;
  memberProjectIds(userId: string): Promise<string[]>;
  allProjectIds(): Promise<string[]>;

  getEntity(tbl: PullTable, id: string): Promise<EntityRecord | undefined>;
  /** The entities of `tbl` among `ids` that exist (in no particular order): one query for a whole batch. */
  getEntities(tbl: PullTable, ids: readonly string[]): Promise<EntityRecord[]>;
  /** Every entity of `tbl` in one project, tombstones included (a project's form versions: tens). */
  projectEntities(tbl: PullTable, projectId: string): Promise<EntityRecord[]>;
  /** Changes after `cursor` that `scope` may see, in server_seq order. */
  pullChanges(scope: PullScope, cursor: number, limit: number): Promise<EntityRecord[]>;

  insertRejected(rejected: RejectedMutationRecord): Promise<void>;
  listRejected(clientId: string): Promise<RejectedMutationRecord[]>;
  /** The stored rejection of one mutation, so a replayed seq gets the same answer as the first time. */
  getRejected(mutationId: string): Promise<RejectedMutationRecord | undefined>;
  /** The stored rejections among `mutationIds` (in no particular order). */
  getRejectedMany(mutationIds: readonly string[]): Promise<RejectedMutationRecord[]>;
  /** The rejections of these seqs of one client (protocol 3 replays, whose mutations carry no id). */
  getRejectedBySeqs(clientId: string, seqs: readonly number[]): Promise<RejectedMutationRecord[]>;
  /** Like `insertRejected` for many; the first record of a mutationId wins, as with one at a time. */
  insertRejectedMany(rejected: readonly RejectedMutationRecord[]): Promise<void>;
  /** The version rows among `ids` (in no particular order). */
  getSubmissionVersions(ids: readonly string[]): Promise<SubmissionVersionRecord[]>;
  /**
   * Appends to the audit chain. Inside a transaction the entries are written when it commits (after its
   * other writes, so every transaction takes the chain's lock last), and only if it commits.
   */
  audit(entry: AuditEntry): Promise<void>;
  auditMany(entries: readonly AuditEntry[]): Promise<void>;
  /** The newest entries first, at most `limit`, among those `filter` selects. */
  listAudit(limit: number, filter?: AuditFilter): Promise<AuditRecord[]>;
  /** Entries in chain order from seq `after + 1`, at most `limit` (to verify the chain). */
  auditChain(after: number, limit: number): Promise<AuditRecord[]>;
  /** The chain's last seq and hash as the head row keeps them. */
  auditHead(): Promise<{ seq: number; hash: string }>;

  /** Changes an account's role, disabled state or password hash (the `users` commands). */
  updateUser(id: string, changes: UserChanges): Promise<void>;
  /** Ends every open session of the user at `at`; returns how many there were. */
  revokeUserTokens(userId: string, at: string): Promise<number>;
  /** True when the user was a member (and no longer is). */
  removeProjectMember(projectId: string, userId: string): Promise<boolean>;
  /** Request counts, stored rejections, and the sweeping of unclaimed uploads (src/server/limits). */
  readonly limits: LimitOps;
  /** The server's key pairs, which devices seal their pending changes to (src/server/sealed). */
  readonly serverKeys: ServerKeyOps;
  /** What the retention periods remove (src/server/retention, `npm run cli -- purge`). */
  readonly retention: RetentionOps;
  /** Each account's vault secret, sent at sign-in (src/server/auth/vaultSecret.ts). */
  readonly vaultSecrets: VaultSecretOps;
  /** Offline map packs and their bytes (src/server/maps). */
  readonly mapPacks: MapPackOps;
  /** Administrative areas for the public map (src/core/public/boundaries.ts). */
  readonly boundaries: BoundaryOps;
}

/** What the `users` commands change in an account. */
export type UserChanges = Partial<Pick<UserRecord, 'role' | 'disabled' | 'passwordHash'>>;

/**
 * Writes that are only correct inside a transaction, so they exist only on the transaction handle:
 * a server_seq allocated outside one could become visible after a larger one.
 */
export interface StorageTx extends StorageOps, MergeWrites {
  /** Writes the entity with a fresh server_seq, which it returns. */
  putEntity(entity: EntityWrite): Promise<number>;
  /**
   * Inserts entities that must not exist yet, with consecutive fresh server_seqs in the given order, which
   * it returns. Throws if one exists after all (a concurrent writer won the race): the caller's transaction
   * then rolls back whole and the device retries, rather than an immutable record being overwritten.
   */
  insertNewEntities(entities: readonly EntityWrite[]): Promise<number[]>;
  /** Returns the client's state, creating it for `userId` if new, locked until the transaction ends. */
  lockClient(clientId: string, userId: string): Promise<ClientState>;
  setClientLastSeq(clientId: string, lastSeq: number): Promise<void>;
  /**
   * Inserts `newRoots` if missing, locks the roots `rootIds` until the transaction ends (so two pushes
   * editing one chain run one after the other), then returns every version of those chains as committed now.
   */
  lockSubmissionChains(
    rootIds: readonly string[],
    newRoots: readonly SubmissionVersionRecord[],
  ): Promise<SubmissionVersionRecord[]>;
  /** Inserts or updates version rows (an existing row only changes its supersededBy and conflicting). */
  putSubmissionVersions(rows: readonly SubmissionVersionRecord[]): Promise<void>;
  /** The writes of erasing a submission (src/server/erasure). */
  readonly erasure: ErasureOps;
  /** The values last imported from IATI files, per record (src/server/iati). */
  readonly iatiBases: IatiBaseOps;
}

export interface Storage extends StorageOps {
  readonly kind: DatabaseKind;
  /** Applies pending migrations. Called at every start. */
  migrate(): Promise<void>;
  /** The names of the migrations this code has that the database has not applied (for /api/ready). */
  pendingMigrations(): Promise<string[]>;
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  /**
   * Resolves once every transaction committed so far is on disk. SQLite syncs its commits off the event
   * loop (sqliteCommits.ts), so another request may read one a moment before it is durable; every answer
   * waits for this before it leaves (app.ts). At once on PostgreSQL, whose commit returns when durable.
   */
  durable(): Promise<void>;
  close(): Promise<void>;
}
