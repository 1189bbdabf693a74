import { KyselyVaultSecretOps } from './VaultSecretOps';
import { KyselyIatiBaseOps } from './IatiBaseOps';
import { ExportReads } from '../export/ExportReads';
import type { PullTable } from '../../core/sync/protocol';
import { PULL_TABLES } from '../../core/sync/protocol';
import { KyselyLimitOps } from './KyselyLimitOps';
import { KyselyMapPackOps } from './KyselyMapPackOps';
import { KyselyBoundaryOps } from './BoundaryOps';
import { KyselyMediaOps } from './KyselyMediaOps';
import { KyselyFormFileOps } from './KyselyFormFileOps';
import { KyselyDeviceOps } from './KyselyDeviceOps';
import { KyselyErasureOps } from './KyselyErasureOps';
import { KyselyRetentionOps } from './KyselyRetentionOps';
import { AGENT_SCOPED_MERGE_TABLES, GLOBAL_MERGE_TABLES, memberProjects, versionsOfOwn } from './agentScope';
import { KyselyMergeOps } from './KyselyMergeOps';
import { KyselyServerKeyOps } from './KyselyServerKeyOps';
import { KyselySignInThrottleOps } from './KyselySignInThrottleOps';
import { toEntity, toRejected } from './rows';
import { toAuditRecord } from './auditRows';
import type {
  AuditFilter,
  AuditRecord,
  ClientState,
  EntityRecord,
  EntityWrite,
  PullScope,
  RejectedMutationRecord,
  StorageTx,
} from './Storage';

/**
 * The server's queries, written once for both dialects: the sync ones here, the multi-row ones of a push
 * batch and the account ones in the base classes. `db` is either the Kysely root or a transaction;
 * `Storage.transaction` hands out an instance bound to the transaction.
 */
export class KyselyOps extends KyselyMergeOps implements StorageTx {
  /** Bound to the same handle: inside a transaction, media writes belong to it. */
  get media(): KyselyMediaOps {
    return new KyselyMediaOps(this.db, this.kind);
  }

  /** Bound to the same handle: a form's files are stored in the transaction that publishes it. */
  get formFiles(): KyselyFormFileOps {
    return new KyselyFormFileOps(this.db);
  }

  get exports(): ExportReads {
    return new ExportReads(this.db);
  }

  /** Bound to the same handle: inside a transaction, `lock` holds its row until commit. */
  get signInThrottle(): KyselySignInThrottleOps {
    return new KyselySignInThrottleOps(this.db);
  }

  /** Bound to the same handle, like `media`. */
  get devices(): KyselyDeviceOps {
    return new KyselyDeviceOps(this.db, this.kind);
  }

  get serverKeys(): KyselyServerKeyOps {
    return new KyselyServerKeyOps(this.db);
  }

  get limits(): KyselyLimitOps {
    return new KyselyLimitOps(this.db, this.kind);
  }

  get retention(): KyselyRetentionOps {
    return new KyselyRetentionOps(this.db);
  }

  /** Bound to the transaction's handle: its seqs come from the same counter lock as every entity write. */
  get iatiBases(): KyselyIatiBaseOps {
    return new KyselyIatiBaseOps(this.db);
  }

  get erasure(): KyselyErasureOps {
    return new KyselyErasureOps(this.db, this.kind, (count) => this.allocateServerSeqs(count));
  }

  get vaultSecrets(): KyselyVaultSecretOps {
    return new KyselyVaultSecretOps(this.db);
  }

  get mapPacks(): KyselyMapPackOps {
    return new KyselyMapPackOps(this.db);
  }

  get boundaries(): KyselyBoundaryOps {
    return new KyselyBoundaryOps(this.db);
  }

  async getEntity(tbl: PullTable, id: string): Promise<EntityRecord | undefined> {
    const row = await this.db
      .selectFrom('entities')
      .selectAll()
      .where('tbl', '=', tbl)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEntity(row);
  }

  async projectEntities(tbl: PullTable, projectId: string): Promise<EntityRecord[]> {
    const rows = await this.db
      .selectFrom('entities')
      .selectAll()
      .where('tbl', '=', tbl)
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
    return rows.map(toEntity);
  }

  async pullChanges(scope: PullScope, cursor: number, limit: number): Promise<EntityRecord[]> {
    let query = this.db
      .selectFrom('entities')
      .selectAll()
      .where('server_seq', '>', cursor)
      .where('tbl', 'in', [...PULL_TABLES]);
    if (!scope.allProjects)
      query = query.where((eb) =>
        eb.or([
          eb('project_id', 'in', memberProjects(this.db, scope.userId)),
          eb('tbl', 'in', GLOBAL_MERGE_TABLES),
        ]),
      );
    if (scope.ownSubmissionsOnly) {
      // Reviews and review events (mergeable records about a submission, named by `submission_id`) follow
      // the submission they are about; those about no submission (an indicator value's events) no agent reads.
      const own = this.db
        .selectFrom('entities as own')
        .select('own.id')
        .where('own.tbl', '=', 'submissions')
        .where('own.created_by', '=', scope.userId);
      query = query.where((eb) =>
        eb.or([
          eb('tbl', 'not in', ['submissions', ...AGENT_SCOPED_MERGE_TABLES]),
          eb('created_by', '=', scope.userId),
          eb('id', 'in', versionsOfOwn(this.db, scope.userId)),
          // An erased version's tombstone names its chain's first version (erasureMigration.ts): the agent
          // who started the chain pulls the erasure of every version, whoever corrected it.
          eb.and([
            eb('tbl', 'in', [...AGENT_SCOPED_MERGE_TABLES, 'submissions']),
            eb('submission_id', 'in', own),
          ]),
        ]),
      );
    }
    const rows = await query.orderBy('server_seq').limit(limit).execute();
    return rows.map(toEntity);
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

  async listAudit(limit: number, filter: AuditFilter = {}): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.action?.endsWith('.')) query = query.where('action', 'like', `${filter.action}%`);
    else if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
    if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
    const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toAuditRecord);
  }

  async auditChain(after: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toAuditRecord);
  }

  async auditHead(): Promise<{ seq: number; hash: string }> {
    const head = await this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 'head')
      .executeTakeFirstOrThrow();
    return { seq: Number(head.seq), hash: head.hash };
  }

  async putEntity(entity: EntityWrite): Promise<number> {
    // Allocated inside the transaction, under the counter lock: see allocateServerSeqs for why.
    const serverSeq = await this.allocateServerSeqs(1);
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
    // Locked on PostgreSQL: two pushes of one device (a retry racing the original) must not both pass the
    // seq check. The same claim as a device's registration, so a clientId's first account owns it either way.
    const { lastSeq, revokedAt, userId: owner } = await this.devices.claim(clientId, userId);
    return { clientId, userId: owner, lastSeq, revokedAt };
  }

  async setClientLastSeq(clientId: string, lastSeq: number): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ last_seq: lastSeq })
      .where('client_id', '=', clientId)
      .execute();
  }
}
