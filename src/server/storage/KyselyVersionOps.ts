import type { Selectable } from 'kysely';
import { KyselyBatchOps } from './KyselyBatchOps';
import { chunks } from './rows';
import type { SubmissionVersionsTable } from './schema';
import type { SubmissionVersionRecord } from './Storage';

/** 10 columns × 100 rows: far below either dialect's limit on bound parameters. */
const ROWS_PER_INSERT = 100;
const IDS_PER_SELECT = 500;

function toVersion(row: Selectable<SubmissionVersionsTable>): SubmissionVersionRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    formId: row.form_id,
    replaces: row.replaces,
    rootId: row.root_id,
    author: row.author,
    createdBy: row.created_by,
    hlc: row.hlc,
    supersededBy: row.superseded_by,
    conflicting: Number(row.conflicting) !== 0,
  };
}

function toRow(v: SubmissionVersionRecord): SubmissionVersionsTable {
  return {
    id: v.id,
    project_id: v.projectId,
    form_id: v.formId,
    replaces: v.replaces,
    root_id: v.rootId,
    author: v.author,
    created_by: v.createdBy,
    hlc: v.hlc,
    superseded_by: v.supersededBy,
    conflicting: v.conflicting ? 1 : 0,
  };
}

/** The queries of submission versions (src/server/sync/submissionVersions.ts). */
export class KyselyVersionOps extends KyselyBatchOps {
  async getSubmissionVersions(ids: readonly string[]): Promise<SubmissionVersionRecord[]> {
    const out: SubmissionVersionRecord[] = [];
    for (const part of chunks([...new Set(ids)], IDS_PER_SELECT)) {
      const rows = await this.db
        .selectFrom('submission_versions')
        .selectAll()
        .where('id', 'in', part)
        .execute();
      out.push(...rows.map(toVersion));
    }
    return out;
  }

  async lockSubmissionChains(
    rootIds: readonly string[],
    newRoots: readonly SubmissionVersionRecord[],
  ): Promise<SubmissionVersionRecord[]> {
    const ids = [...new Set(rootIds)];
    if (ids.length === 0) return [];
    // A concurrent push inserting the same root makes this insert wait for it, then do nothing.
    for (const part of chunks(newRoots.map(toRow), ROWS_PER_INSERT)) {
      await this.db
        .insertInto('submission_versions')
        .values(part)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    if (this.kind === 'postgres') {
      // Every writer of a chain locks its root first, so chains are updated one push at a time. The rows
      // are read again afterwards, by a new statement: under read committed it sees what the push we waited
      // for has committed (the locking statement itself would not see its new rows).
      await this.db
        .selectFrom('submission_versions')
        .select('id')
        .where('id', 'in', ids)
        .orderBy('id')
        .forUpdate()
        .execute();
    }
    const out: SubmissionVersionRecord[] = [];
    for (const part of chunks(ids, IDS_PER_SELECT)) {
      const rows = await this.db
        .selectFrom('submission_versions')
        .selectAll()
        .where('root_id', 'in', part)
        .execute();
      out.push(...rows.map(toVersion));
    }
    return out;
  }

  async putSubmissionVersions(rows: readonly SubmissionVersionRecord[]): Promise<void> {
    for (const part of chunks(rows.map(toRow), ROWS_PER_INSERT)) {
      await this.db
        .insertInto('submission_versions')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            superseded_by: eb.ref('excluded.superseded_by'),
            conflicting: eb.ref('excluded.conflicting'),
          })),
        )
        .execute();
    }
  }
}
