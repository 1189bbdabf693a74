import type { PullTable } from '../../core/sync/protocol';
import type { Role } from '../../core/records/user';

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
}

export type EntityWrite = Omit<EntityRecord, 'serverSeq' | 'deleted' | 'data'> & {
  data: Record<string, unknown>;
  deleted?: boolean;
};

export interface ClientState {
  clientId: string;
  userId: string;
  lastSeq: number;
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

export interface AuditEntry {
  at: string;
  userId: string | null;
  action: string;
  tbl: string | null;
  recordId: string | null;
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
export interface StorageOps {
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
  addProjectMember(projectId: string, userId: string): Promise<void>;
  isProjectMember(projectId: string, userId: string): Promise<boolean>;
  memberProjectIds(userId: string): Promise<string[]>;
  allProjectIds(): Promise<string[]>;

  getEntity(tbl: PullTable, id: string): Promise<EntityRecord | undefined>;
  /** The entities of `tbl` among `ids` that exist (in no particular order): one query for a whole batch. */
  getEntities(tbl: PullTable, ids: readonly string[]): Promise<EntityRecord[]>;
  /** Changes after `cursor` that `scope` may see, in server_seq order. */
  pullChanges(scope: PullScope, cursor: number, limit: number): Promise<EntityRecord[]>;

  insertRejected(rejected: RejectedMutationRecord): Promise<void>;
  listRejected(clientId: string): Promise<RejectedMutationRecord[]>;
  /** The stored rejection of one mutation, so a replayed seq gets the same answer as the first time. */
  getRejected(mutationId: string): Promise<RejectedMutationRecord | undefined>;
  /** The stored rejections among `mutationIds` (in no particular order). */
  getRejectedMany(mutationIds: readonly string[]): Promise<RejectedMutationRecord[]>;
  /** Like `insertRejected` for many; the first record of a mutationId wins, as with one at a time. */
  insertRejectedMany(rejected: readonly RejectedMutationRecord[]): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  auditMany(entries: readonly AuditEntry[]): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;
}

/**
 * Writes that are only correct inside a transaction, so they exist only on the transaction handle:
 * a server_seq allocated outside one could become visible after a larger one.
 */
export interface StorageTx extends StorageOps {
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
}

export interface Storage extends StorageOps {
  readonly kind: DatabaseKind;
  /** Applies pending migrations. Called at every start. */
  migrate(): Promise<void>;
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
