import type { Selectable } from 'kysely';
import { Role } from '../../core/records/user';
import { PULL_TABLES, type PullTable } from '../../core/sync/protocol';
import type { FieldValue } from '../../core/sync/merge';
import type { EntitiesTable, RejectedMutationsTable, UsersTable } from './schema';
import type { EntityRecord, RejectedMutationRecord, UserRecord } from './Storage';

/** Row ↔ record conversions, in one place so both dialects read the same shapes. */
export function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: Role.parse(row.role),
    organisationId: row.organisation_id,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabled: Number(row.disabled) !== 0,
  };
}

function toPullTable(tbl: string): PullTable {
  const found = PULL_TABLES.find((t) => t === tbl);
  if (!found) throw new Error(`Unexpected entity table ${tbl}`);
  return found;
}

export function toEntity(row: Selectable<EntitiesTable>): EntityRecord {
  const deleted = Number(row.deleted) !== 0;
  // A mergeable record's tombstone keeps its data: a later edit or restore merges into it.
  const fieldState = row.field_state;
  return {
    tbl: toPullTable(row.tbl),
    id: row.id,
    projectId: row.project_id,
    createdBy: row.created_by,
    data: deleted && fieldState === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    deleted,
    serverSeq: Number(row.server_seq),
    hlc: row.hlc,
    updatedAt: row.updated_at,
    ...(fieldState === null ? {} : { fieldState: JSON.parse(fieldState) as Record<string, FieldValue> }),
  };
}

export function toRejected(row: Selectable<RejectedMutationsTable>): RejectedMutationRecord {
  return {
    mutationId: row.mutation_id,
    clientId: row.client_id,
    userId: row.user_id,
    seq: Number(row.seq),
    payload: JSON.parse(row.payload) as unknown,
    code: row.code,
    message: row.message,
    ...(row.details === null ? {} : { details: JSON.parse(row.details) as unknown }),
    createdAt: row.created_at,
  };
}

/**
 * `items` in slices of at most `size`. Multi-row statements stay well under SQLite's 32,766 bound
 * parameters and PostgreSQL's 65,535 whatever the batch size.
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
