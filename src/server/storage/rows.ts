import type { Selectable } from 'kysely';
import { Role } from '../../core/records/user';
import { PULL_TABLES, type PullTable } from '../../core/sync/protocol';
import type { EntitiesTable, UsersTable } from './schema';
import type { EntityRecord, UserRecord } from './Storage';

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
  return {
    tbl: toPullTable(row.tbl),
    id: row.id,
    projectId: row.project_id,
    createdBy: row.created_by,
    data: deleted ? null : (JSON.parse(row.data) as Record<string, unknown>),
    deleted,
    serverSeq: Number(row.server_seq),
    hlc: row.hlc,
    updatedAt: row.updated_at,
  };
}
