import type { PullTable } from '../../core/sync/protocol';
import { appendAuditRows } from './auditRows';
import { KyselyAccountOps } from './KyselyAccountOps';
import { chunks, toEntity, toRejected } from './rows';
import type { AuditEntry, EntityRecord, EntityWrite, RejectedMutationRecord } from './Storage';

/** Rows per multi-row INSERT: 9 columns × 200 = 1,800 bound parameters, far below either dialect's limit. */
const ROWS_PER_INSERT = 200;
/** Ids per `IN (…)` list. */
const IDS_PER_SELECT = 500;

/**
 * The set-at-a-time queries of a push: a batch of 100 mutations costs a handful of statements instead of
 * several per mutation, which is where most of the push time went (each statement is a round trip on
 * PostgreSQL and a prepare + run through Kysely on SQLite).
 */
export class KyselyBatchOps extends KyselyAccountOps {
  async getEntities(tbl: PullTable, ids: readonly string[]): Promise<EntityRecord[]> {
    const out: EntityRecord[] = [];
    for (const part of chunks([...new Set(ids)], IDS_PER_SELECT)) {
      const rows = await this.db
        .selectFrom('entities')
        .selectAll()
        .where('tbl', '=', tbl)
        .where('id', 'in', part)
        .execute();
      out.push(...rows.map(toEntity));
    }
    return out;
  }

  async getRejectedMany(mutationIds: readonly string[]): Promise<RejectedMutationRecord[]> {
    const out: RejectedMutationRecord[] = [];
    for (const part of chunks([...new Set(mutationIds)], IDS_PER_SELECT)) {
      const rows = await this.db
        .selectFrom('rejected_mutations')
        .selectAll()
        .where('mutation_id', 'in', part)
        .execute();
      out.push(...rows.map(toRejected));
    }
    return out;
  }

  async getRejectedBySeqs(clientId: string, seqs: readonly number[]): Promise<RejectedMutationRecord[]> {
    const out: RejectedMutationRecord[] = [];
    for (const part of chunks([...new Set(seqs)], IDS_PER_SELECT)) {
      const rows = await this.db
        .selectFrom('rejected_mutations')
        .selectAll()
        .where('client_id', '=', clientId)
        .where('seq', 'in', part)
        .execute();
      out.push(...rows.map(toRejected));
    }
    return out;
  }

  async insertRejected(r: RejectedMutationRecord): Promise<void> {
    await this.insertRejectedMany([r]);
  }

  async insertRejectedMany(records: readonly RejectedMutationRecord[]): Promise<void> {
    // Deduplicated here so the first record of a mutationId wins inside one statement too.
    const first = new Map<string, RejectedMutationRecord>();
    for (const r of records) if (!first.has(r.mutationId)) first.set(r.mutationId, r);
    const rows = [...first.values()].map((r) => ({
      mutation_id: r.mutationId,
      client_id: r.clientId,
      user_id: r.userId,
      seq: r.seq,
      payload: JSON.stringify(r.payload),
      code: r.code,
      message: r.message,
      details: r.details === undefined ? null : JSON.stringify(r.details),
      created_at: r.createdAt,
    }));
    for (const part of chunks(rows, ROWS_PER_INSERT)) {
      await this.db
        .insertInto('rejected_mutations')
        .values(part)
        // A device that resends a rejected mutation under a new seq keeps the first record.
        .onConflict((oc) => oc.column('mutation_id').doNothing())
        .execute();
    }
  }

  /** Set on a transaction's handle: entries wait here and are chained when it commits (see flushAudits). */
  private auditBuffer: AuditEntry[] | null = null;

  async audit(entry: AuditEntry): Promise<void> {
    await this.auditMany([entry]);
  }

  async auditMany(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.auditBuffer) {
      this.auditBuffer.push(...entries);
      return;
    }
    if (this.db.isTransaction) await appendAuditRows(this.db, entries);
    else await this.db.transaction().execute((trx) => appendAuditRows(trx, entries));
  }

  /** Makes this transaction's handle hold its audit entries until `flushAudits`. */
  deferAudits(): void {
    this.auditBuffer = [];
  }

  /**
   * Chains the held entries: the transaction's last writes, so the chain's head lock is always taken after
   * the server_seq counter's, never before (two transactions taking them in opposite orders could deadlock).
   */
  async flushAudits(): Promise<void> {
    const entries = this.auditBuffer ?? [];
    this.auditBuffer = null;
    await appendAuditRows(this.db, entries);
  }

  async insertNewEntities(entities: readonly EntityWrite[]): Promise<number[]> {
    if (entities.length === 0) return [];
    // Taken last in the push transaction, so the counter lock is held only for these few statements.
    const first = await this.allocateServerSeqs(entities.length);
    const rows = entities.map((e, i) => ({
      tbl: e.tbl,
      id: e.id,
      project_id: e.projectId,
      created_by: e.createdBy,
      data: JSON.stringify(e.data),
      deleted: e.deleted ? 1 : 0,
      server_seq: first + i,
      hlc: e.hlc,
      updated_at: e.updatedAt,
    }));
    let inserted = 0;
    for (const part of chunks(rows, ROWS_PER_INSERT)) {
      const result = await this.db
        .insertInto('entities')
        .values(part)
        .onConflict((oc) => oc.columns(['tbl', 'id']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    // Only possible on PostgreSQL, when another transaction inserted one of these ids after we looked.
    if (inserted !== rows.length) throw new Error('An entity of this batch was written concurrently');
    return rows.map((r) => r.server_seq);
  }
}
