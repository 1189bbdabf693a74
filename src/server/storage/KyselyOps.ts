import { randomUUID } from 'node:crypto';
import type { PullTable } from '../../core/sync/protocol';
import { PULL_TABLES } from '../../core/sync/protocol';
import { KyselyAccountOps } from './KyselyAccountOps';
import type { Selectable } from 'kysely';
import { toEntity } from './rows';
import type { RejectedMutationsTable } from './schema';
import type {
  AuditEntry,
  ClientState,
  EntityRecord,
  EntityWrite,
  PullScope,
  RejectedMutationRecord,
  StorageTx,
} from './Storage';

/**
 * The server's queries, written once for both dialects: the sync ones here, the account ones in the base
 * class. `db` is either the Kysely root or a transaction; `Storage.transaction` hands out an instance bound
 * to the transaction.
 */
export class KyselyOps extends KyselyAccountOps implements StorageTx {
  async getEntity(tbl: PullTable, id: string): Promise<EntityRecord | undefined> {
    const row = await this.db
      .selectFrom('entities')
      .selectAll()
      .where('tbl', '=', tbl)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEntity(row);
  }

  async pullChanges(scope: PullScope, cursor: number, limit: number): Promise<EntityRecord[]> {
    let query = this.db
      .selectFrom('entities')
      .selectAll()
      .where('server_seq', '>', cursor)
      .where('tbl', 'in', [...PULL_TABLES]);
    if (!scope.allProjects) {
      const member = this.db
        .selectFrom('project_members')
        .select('project_id')
        .where('user_id', '=', scope.userId);
      query = query.where('project_id', 'in', member);
    }
    if (scope.ownSubmissionsOnly) {
      query = query.where((eb) =>
        eb.or([eb('tbl', '!=', 'submissions'), eb('created_by', '=', scope.userId)]),
      );
    }
    const rows = await query.orderBy('server_seq').limit(limit).execute();
    return rows.map(toEntity);
  }

  async insertRejected(r: RejectedMutationRecord): Promise<void> {
    await this.db
      .insertInto('rejected_mutations')
      .values({
        mutation_id: r.mutationId,
        client_id: r.clientId,
        user_id: r.userId,
        seq: r.seq,
        payload: JSON.stringify(r.payload),
        code: r.code,
        message: r.message,
        details: r.details === undefined ? null : JSON.stringify(r.details),
        created_at: r.createdAt,
      })
      // A device that resends a rejected mutation under a new seq keeps the first record.
      .onConflict((oc) => oc.column('mutation_id').doNothing())
      .execute();
  }

  async listRejected(clientId: string): Promise<RejectedMutationRecord[]> {
    const rows = await this.db
      .selectFrom('rejected_mutations')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('seq')
      .execute();
    return rows.map(toRejected);
  }

  async getRejected(mutationId: string): Promise<RejectedMutationRecord | undefined> {
    const row = await this.db
      .selectFrom('rejected_mutations')
      .selectAll()
      .where('mutation_id', '=', mutationId)
      .executeTakeFirst();
    return row && toRejected(row);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        at: entry.at,
        user_id: entry.userId,
        action: entry.action,
        tbl: entry.tbl,
        record_id: entry.recordId,
      })
      .execute();
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      at: r.at,
      userId: r.user_id,
      action: r.action,
      tbl: r.tbl,
      recordId: r.record_id,
    }));
  }

  async putEntity(entity: EntityWrite): Promise<number> {
    // The counter row is bumped inside the writing transaction. On PostgreSQL the UPDATE takes the row's
    // lock until commit, so writers get their numbers one after the other and each commits before the next
    // can even obtain a larger number: a reader at cursor N can never see N+1 while a transaction holding a
    // smaller number is still open (and would be skipped). SQLite serializes writers on its own.
    const { value } = await this.db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'server_seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    const serverSeq = Number(value);
    const row = {
      project_id: entity.projectId,
      created_by: entity.createdBy,
      data: JSON.stringify(entity.data),
      deleted: entity.deleted ? 1 : 0,
      server_seq: serverSeq,
      hlc: entity.hlc,
      updated_at: entity.updatedAt,
    };
    await this.db
      .insertInto('entities')
      .values({ tbl: entity.tbl, id: entity.id, ...row })
      .onConflict((oc) => oc.columns(['tbl', 'id']).doUpdateSet(row))
      .execute();
    return serverSeq;
  }

  async lockClient(clientId: string, userId: string): Promise<ClientState> {
    await this.db
      .insertInto('clients')
      .values({ client_id: clientId, user_id: userId, last_seq: 0 })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
    let query = this.db.selectFrom('clients').selectAll().where('client_id', '=', clientId);
    // Two pushes of one device (a retry racing the original) must not both pass the seq check.
    if (this.kind === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirstOrThrow();
    return { clientId: row.client_id, userId: row.user_id, lastSeq: Number(row.last_seq) };
  }

  async setClientLastSeq(clientId: string, lastSeq: number): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ last_seq: lastSeq })
      .where('client_id', '=', clientId)
      .execute();
  }
}

function toRejected(row: Selectable<RejectedMutationsTable>): RejectedMutationRecord {
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
