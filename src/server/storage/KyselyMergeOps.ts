import { sql, type Selectable } from 'kysely';
import type { FieldValue } from '../../core/sync/merge';
import { isMergeTable, mergeTable, type MergeTableName } from '../../core/sync/mergeTables';
import { identityOf } from '../../core/sync/mergeRecords';
import { KyselyVersionOps } from './KyselyVersionOps';
import type {
  ConflictFilter,
  ConflictListing,
  ConflictRecord,
  MergeRecord,
  MergeRecordWrite,
} from './MergeStorage';
import { chunks } from './rows';
import type { ConflictsTable, EntitiesTable } from './schema';

/** 11 columns × 100 rows, or 14 × 100: far below either dialect's limit on bound parameters. */
const ROWS_PER_INSERT = 100;
const IDS_PER_SELECT = 500;

function toMergeRecord(row: Selectable<EntitiesTable>): MergeRecord {
  if (!isMergeTable(row.tbl)) throw new Error(`${row.tbl} is not a mergeable table`);
  return {
    tbl: row.tbl,
    id: row.id,
    projectId: row.project_id,
    createdBy: row.created_by,
    data: JSON.parse(row.data) as Record<string, unknown>,
    deleted: Number(row.deleted) !== 0,
    fieldState: row.field_state === null ? {} : (JSON.parse(row.field_state) as Record<string, FieldValue>),
    serverSeq: Number(row.server_seq),
    hlc: row.hlc,
    updatedAt: row.updated_at,
  };
}

/** The queries of mergeable records and of the conflict log (docs/sync-protocol.md, "Mergeable records"). */
export class KyselyMergeOps extends KyselyVersionOps {
  async lockMergeRecords(tbl: MergeTableName, ids: readonly string[]): Promise<MergeRecord[]> {
    const out: MergeRecord[] = [];
    // In id order, so two transactions locking overlapping sets take the locks in the same order.
    for (const part of chunks([...new Set(ids)].sort(), IDS_PER_SELECT)) {
      let query = this.db
        .selectFrom('entities')
        .selectAll()
        .where('tbl', '=', tbl)
        .where('id', 'in', part)
        .orderBy('id');
      if (this.kind === 'postgres') query = query.forUpdate();
      out.push(...(await query.execute()).map(toMergeRecord));
    }
    return out;
  }

  async writeMergeRecords(records: readonly MergeRecordWrite[]): Promise<number[]> {
    if (records.length === 0) return [];
    // Under the counter lock from here to commit (see allocateServerSeqs), like every other entity write.
    const first = await this.allocateServerSeqs(records.length);
    const rows = records.map((r, i) => ({
      // Written with the record's creation only: its identity (hence its submission) never changes.
      submission_id: mergeTable(r.tbl).ownerSubmission?.(identityOf(mergeTable(r.tbl), r.data)) ?? null,
      tbl: r.tbl,
      id: r.id,
      project_id: r.projectId,
      created_by: r.createdBy,
      data: JSON.stringify(r.data),
      deleted: r.deleted ? 1 : 0,
      server_seq: first + i,
      hlc: r.hlc,
      updated_at: r.updatedAt,
      field_state: JSON.stringify(r.fieldState),
    }));
    const fresh = rows.filter((_, i) => records[i]?.isNew);
    const existing = rows.filter((_, i) => !records[i]?.isNew);
    for (const part of chunks(fresh, ROWS_PER_INSERT)) {
      const result = await this.db
        .insertInto('entities')
        .values(part)
        .onConflict((oc) => oc.columns(['tbl', 'id']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== part.length)
        throw new Error('A mergeable record of this batch was created concurrently');
    }
    // These rows were read under lock in this transaction, so overwriting them loses nobody's merge.
    for (const part of chunks(existing, ROWS_PER_INSERT)) {
      await this.db
        .insertInto('entities')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['tbl', 'id']).doUpdateSet((eb) => ({
            data: eb.ref('excluded.data'),
            deleted: eb.ref('excluded.deleted'),
            server_seq: eb.ref('excluded.server_seq'),
            hlc: eb.ref('excluded.hlc'),
            updated_at: eb.ref('excluded.updated_at'),
            field_state: eb.ref('excluded.field_state'),
          })),
        )
        .execute();
    }
    return rows.map((r) => r.server_seq);
  }

  async insertConflicts(conflicts: readonly ConflictRecord[]): Promise<void> {
    const rows = conflicts.map((c) => ({
      id: c.id,
      tbl: c.tbl,
      record_id: c.recordId,
      project_id: c.projectId,
      field: c.field,
      losing_value: JSON.stringify(c.losing.value),
      losing_hlc: c.losing.hlc,
      losing_by: c.losing.by,
      winning_value: JSON.stringify(c.winning.value),
      winning_hlc: c.winning.hlc,
      winning_by: c.winning.by,
      created_at: c.createdAt,
      restored_at: c.restoredAt,
      restored_by: c.restoredBy,
    }));
    for (const part of chunks(rows, ROWS_PER_INSERT)) {
      await this.db
        .insertInto('conflicts')
        .values(part)
        .onConflict((oc) => oc.columns(['tbl', 'record_id', 'field', 'losing_hlc']).doNothing())
        .execute();
    }
  }

  async markConflictRestored(id: string, at: string, by: string): Promise<boolean> {
    const result = await this.db
      .updateTable('conflicts')
      .set({ restored_at: at, restored_by: by })
      .where('id', '=', id)
      .where('restored_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private conflictQuery() {
    return this.db
      .selectFrom('conflicts as c')
      .leftJoin('users as lu', 'lu.id', 'c.losing_by')
      .leftJoin('users as wu', 'wu.id', 'c.winning_by')
      .selectAll('c')
      .select(['lu.display_name as losing_name', 'wu.display_name as winning_name']);
  }

  async listConflicts(filter: ConflictFilter): Promise<ConflictListing[]> {
    let query = this.conflictQuery();
    if (filter.projects !== 'all') {
      if (filter.projects.length === 0) return [];
      query = query.where('c.project_id', 'in', [...filter.projects]);
    }
    if (filter.projectId !== undefined) query = query.where('c.project_id', '=', filter.projectId);
    if (filter.state === 'open') query = query.where('c.restored_at', 'is', null);
    const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id').limit(filter.limit).execute();
    return rows.map(toConflict);
  }

  async getConflict(id: string): Promise<ConflictListing | undefined> {
    const row = await this.conflictQuery().where('c.id', '=', id).executeTakeFirst();
    return row && toConflict(row);
  }

  async projectsNamingOrganisation(
    organisationId: string,
  ): Promise<{ id: string; data: Record<string, unknown> }[]> {
    const pattern = jsonIdPattern(organisationId);
    const rows = await this.db
      .selectFrom('entities')
      .select(['id', 'data'])
      .where('tbl', '=', 'projects')
      .where('deleted', '=', 0)
      .where(sql<boolean>`data like ${pattern} escape '\\'`)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, data: JSON.parse(r.data) as Record<string, unknown> }));
  }

  async flowsNamingOrganisation(
    organisationId: string,
  ): Promise<{ tbl: string; id: string; projectId: string }[]> {
    const rows = await this.db
      .selectFrom('entities')
      .select(['tbl', 'id', 'project_id', 'data'])
      .where('tbl', 'in', ['transactions', 'plannedDisbursements'])
      .where('deleted', '=', 0)
      .where(sql<boolean>`data like ${jsonIdPattern(organisationId)} escape '\\'`)
      .orderBy('id')
      .execute();
    // The text search may match a description: the provider or receiver must be this very organisation.
    return rows
      .filter((r) => {
        const data = JSON.parse(r.data) as Record<string, unknown>;
        return data.providerOrgId === organisationId || data.receiverOrgId === organisationId;
      })
      .map((r) => ({ tbl: r.tbl, id: r.id, projectId: r.project_id }));
  }
}

/** A LIKE pattern for an id as the JSON of a record writes it, quotes included, LIKE's wildcards escaped. */
const jsonIdPattern = (id: string) => `%${JSON.stringify(id).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A conflict with the display names of both writers (joined from users). */
type ConflictRow = ConflictsTable & { losing_name: string | null; winning_name: string | null };

function toConflict(row: ConflictRow): ConflictListing {
  return {
    id: row.id,
    tbl: row.tbl,
    recordId: row.record_id,
    projectId: row.project_id,
    field: row.field,
    losing: { value: JSON.parse(row.losing_value) as unknown, hlc: row.losing_hlc, by: row.losing_by },
    winning: { value: JSON.parse(row.winning_value) as unknown, hlc: row.winning_hlc, by: row.winning_by },
    createdAt: row.created_at,
    restoredAt: row.restored_at,
    restoredBy: row.restored_by,
    losingName: row.losing_name,
    winningName: row.winning_name,
  };
}
