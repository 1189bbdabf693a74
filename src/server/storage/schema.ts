import type { ColumnType } from 'kysely';
import type { MediaTables } from './mediaSchema';

/**
 * Row types of the server database, shared by both dialects. Times are ISO-8601 strings and booleans are
 * 0/1 integers so that the same queries and the same row shapes work on SQLite and PostgreSQL.
 */
export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  organisation_id: string | null;
  password_hash: string;
  created_at: string;
  disabled: number;
}

export interface TokensTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The device that registered with this token (migration 0011): revoking the device ends it. */
  client_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProjectsTable {
  id: string;
  organisation_id: string | null;
  created_at: string;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  /** The server_seq taken when the membership began (0: before memberships were dated). */
  joined_seq: ColumnType<number, number | undefined, never>;
}

/** Text that a row may leave out when inserted (null then). */
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;

/** A device: one user's store in one browser, owned by the account that first used it (migration 0011). */
export interface ClientsTable {
  client_id: string;
  user_id: string;
  last_seq: number;
  /** The device's ECDSA P-256 public key, a JWK as JSON; null until it registers. */
  public_key: OptionalText;
  key_registered_at: OptionalText;
  /** Set by an operator (`users devices revoke`): its pushes, registrations and files are refused. */
  revoked_at: OptionalText;
  app_version: OptionalText;
  last_push_at: OptionalText;
  last_pull_at: OptionalText;
  /** The device's pending outbox when it last reported it (with a pull); null until then. */
  unsent: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface EntitiesTable {
  tbl: string;
  id: string;
  project_id: string;
  created_by: string | null;
  data: string;
  deleted: number;
  server_seq: number;
  hlc: string;
  updated_at: string;
  /** Mergeable records only: JSON of each field's { value, hlc, by }, by path (see mergeMigration.ts). */
  field_state: string | null;
  /** Mergeable records about a submission (reviews, its review events): its id; agents pull by it. */
  submission_id: string | null;
}

export interface RejectedMutationsTable {
  mutation_id: string;
  client_id: string;
  user_id: string;
  seq: number;
  payload: string;
  code: string;
  message: string;
  /** JSON of the reasons (e.g. the zod issues), or null. */
  details: string | null;
  created_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

/** An append-only hash chain (src/server/audit/chain.ts, migration 0010). */
export interface AuditLogTable {
  id: string;
  at: string;
  /** The actor: an account, or null for the operator at the server's console. */
  user_id: string | null;
  action: string;
  tbl: string | null;
  record_id: string | null;
  /** The entry's place in the chain, from 1. */
  seq: number;
  /** Whom the act was for, when not the actor (an imported change's file user). */
  on_behalf_of: string | null;
  address: string | null;
  user_agent: string | null;
  /** JSON: an export's filters and row count, a record's values before and after… */
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** The audit chain's last entry: one row, `id` 'head'. */
export interface AuditHeadTable {
  id: string;
  seq: number;
  hash: string;
}

/** Versions of edited submissions (migration 2026-11-23-…-submission-versions). */
export interface SubmissionVersionsTable {
  id: string;
  project_id: string;
  form_id: string;
  replaces: string | null;
  root_id: string;
  author: string;
  created_by: string;
  hlc: string;
  superseded_by: string | null;
  conflicting: number;
}

/** Values lost by concurrent edits of mergeable records (see mergeMigration.ts). Values are JSON. */
export interface ConflictsTable {
  id: string;
  tbl: string;
  record_id: string;
  project_id: string;
  field: string;
  losing_value: string;
  losing_hlc: string;
  losing_by: string | null;
  winning_value: string;
  winning_hlc: string;
  winning_by: string | null;
  created_at: string;
  restored_at: string | null;
  restored_by: string | null;
}

export interface IatiBasesTable {
  tbl: string;
  id: string;
  data: string;
  imported_at: string;
}

/** Who added which file to which project's documents (projectDocumentsMigration.ts). */
export interface ProjectDocumentRefsTable {
  project_id: string;
  sha256: string;
  added_by: string;
  added_at: string;
}

export interface Database {
  iati_bases: IatiBasesTable;
  project_document_refs: ProjectDocumentRefsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  tokens: TokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  clients: ClientsTable;
  entities: EntitiesTable;
  rejected_mutations: RejectedMutationsTable;
  counters: CountersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  media_uploads: MediaTables['media_uploads'];
  media_chunks: MediaTables['media_chunks'];
  media_blobs: MediaTables['media_blobs'];
  media_refs: MediaTables['media_refs'];
  submission_versions: SubmissionVersionsTable;
  conflicts: ConflictsTable;
  sign_in_throttle: SignInThrottleTable;
  rate_limits: RateLimitsTable;
  server_keys: ServerKeysTable;
  vault_secrets: VaultSecretsTable;
  form_files: FormFilesTable;
  map_packs: MapPacksTable;
  map_pack_chunks: MapPackChunksTable;
  admin_boundaries: AdminBoundariesTable;
}

/** The media files of published forms, by SHA-256 (formFilesMigration.ts). */
export interface FormFilesTable {
  sha256: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: string;
}

/** The server's key pairs for sealed changes (migration 0016). */
export interface ServerKeysTable {
  id: string;
  /** JWK (JSON) of the public key. */
  public_key: string;
  /** PKCS#8 of the private key, base64url. */
  private_key: string;
  created_at: string;
}

/** Failed sign-ins per account or address and their locks (src/server/auth/throttlePolicy.ts). */
export interface SignInThrottleTable {
  /** `account:<username, lowercased>` or `address:<ip>`. */
  key: string;
  failures: number;
  level: number;
  last_failure_at: string;
  locked_until: string | null;
  refusal_audited: number;
  /** Accounts only: sign-ins being checked now, as of `pending_at`. */
  pending: number;
  pending_at: string | null;
}

/** Requests counted per user and kind in the current window (src/server/limits/rateLimit.ts, migration 0015). */
export interface RateLimitsTable {
  /** `<kind>:<user id>`, e.g. `push:…`. */
  key: string;
  /** When the window began, in milliseconds since the epoch. */
  window_start: number;
  count: number;
}

/** Each account's vault secret (src/server/auth/vaultSecret.ts, migration 2026-12-06-0017-vault). */
export interface VaultSecretsTable {
  user_id: string;
  /** 32 random bytes, base64url. */
  secret: string;
  created_at: string;
}

/** Offline map packs (migration 2026-12-06-0040-map-packs, src/server/maps). */
export interface MapPacksTable {
  id: string;
  project_id: string;
  name: string;
  tile_type: string;
  bytes: number;
  min_zoom: number;
  max_zoom: number;
  /** JSON [west, south, east, north]. */
  bounds: string;
  attribution: string;
  /** Of the PMTiles bytes served: the download's ETag. */
  sha256: string;
  /** What was uploaded: a PMTiles file kept as it is, or an MBTiles file converted. */
  source_format: string;
  created_by: string | null;
  created_at: string;
  /** 1 once every chunk is written. */
  ready: number;
}

/** A pack's bytes, 1 MiB per row, by their offset in the file. */
export interface MapPackChunksTable {
  pack_id: string;
  position: number;
  data: Buffer;
}

/** Administrative areas, one row per level (migration 2026-12-06-0050-boundaries, src/core/public/boundaries.ts). */
export interface AdminBoundariesTable {
  /** `adm1` or `adm2`. */
  level: string;
  /** JSON BoundaryArea[]. */
  areas: string;
  area_count: number;
  /** The uploaded file's name, for the page that lists them. */
  source_name: string;
  uploaded_by: string | null;
  uploaded_at: string;
}
