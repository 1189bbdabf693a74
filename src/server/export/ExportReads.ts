import type { Kysely } from 'kysely';
import { AGENT_SCOPED_MERGE_TABLES, versionsOfOwn } from '../storage/agentScope';
import type { Database } from '../storage/schema';

/** The entity tables an export reads. */
export type ExportTable =
  | 'projects'
  | 'organisations'
  | 'indicators'
  | 'indicatorValues'
  | 'transactions'
  | 'plannedDisbursements'
  | 'exchangeRates'
  | 'submissions'
  | 'forms';

export interface ExportScope {
  /** The projects the user may see; 'all' for admins. */
  projects: readonly string[] | 'all';
  /** Agents: only the submissions they started (and the corrections others made to them), as in a pull. */
  ownSubmissionsOf?: string;
}

/** One stored record as the core schema parses it, with who created it. */
export interface ExportRow {
  id: string;
  projectId: string;
  createdBy: string | null;
  /** When the server last stored a change of it (ISO 8601). */
  updatedAt: string;
  data: Record<string, unknown>;
}

/** Where a stored submission stands among its versions (docs/sync-protocol.md, "Submission versions"). */
export type VersionStatus = 'current' | 'earlier' | 'concurrent';

/** A stored submission of any version, its JSON as stored (the right of access reads them all). */
export interface StoredVersion {
  id: string;
  seq: number;
  createdBy: string | null;
  /** The first version of its chain (itself when never corrected). */
  rootId: string;
  status: VersionStatus;
  json: string;
}

/**
 * The read-only queries of exports, on both dialects. Deleted records are left out; submissions are
 * their current versions only (neither superseded by a correction nor a losing concurrent edit).
 */
export class ExportReads {
  constructor(private readonly db: Kysely<Database>) {}

  async rows(tbl: ExportTable, scope: ExportScope, projectId?: string): Promise<ExportRow[]> {
    if (scope.projects !== 'all' && scope.projects.length === 0) return [];
    let query = this.db
      .selectFrom('entities')
      .select(['id', 'project_id', 'created_by', 'updated_at', 'data'])
      .where('tbl', '=', tbl)
      .where('deleted', '=', 0);
    if (scope.projects !== 'all') query = query.where('project_id', 'in', [...scope.projects]);
    if (projectId !== undefined) query = query.where('project_id', '=', projectId);
    if (tbl === 'submissions') {
      const notCurrent = this.db
        .selectFrom('submission_versions')
        .select('id')
        .where((eb) => eb.or([eb('superseded_by', 'is not', null), eb('conflicting', '=', 1)]));
      query = query.where('id', 'not in', notCurrent);
      const own = scope.ownSubmissionsOf;
      if (own !== undefined)
        query = query.where((eb) =>
          eb.or([eb('created_by', '=', own), eb('id', 'in', versionsOfOwn(this.db, own))]),
        );
    }
    const rows = await query.orderBy('server_seq').execute();
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      createdBy: r.created_by,
      updatedAt: r.updated_at,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }

  /**
   * A stamp of these tables that changes with any of their records: per table, how many rows (deleted ones
   * too) and the highest server_seq. Every write of a record takes a new server_seq, and a record erased
   * lowers the count, so an equal stamp means the same records (routes/public.ts answers 304 from it without
   * reading them). Deleted rows are counted: deleting one writes its tombstone, with a new server_seq.
   */
  async stamp(tbls: readonly ExportTable[]): Promise<string> {
    const rows = await this.db
      .selectFrom('entities')
      .select((eb) => ['tbl', eb.fn.countAll().as('n'), eb.fn.max('server_seq').as('seq')])
      .where('tbl', 'in', [...tbls])
      .groupBy('tbl')
      .orderBy('tbl')
      .execute();
    return rows.map((r) => `${r.tbl}:${String(r.n)}:${String(r.seq)}`).join(',');
  }

  /**
   * A page of the project's submissions of every version (current, replaced by a correction, or a losing
   * concurrent correction), deleted ones left out, after `afterSeq` in server_seq order: the right of access
   * searches them all, a page at a time so that a large project never sits in memory whole.
   */
  async versionsPage(projectId: string, afterSeq: number, limit: number): Promise<StoredVersion[]> {
    const rows = await this.versionsQuery(projectId)
      .where('e.server_seq', '>', afterSeq)
      .orderBy('e.server_seq')
      .limit(limit)
      .execute();
    return rows.map(storedVersion);
  }

  /** Every version of the chains that start at `rootIds`, in server_seq order. */
  async chains(projectId: string, rootIds: readonly string[]): Promise<StoredVersion[]> {
    const out: StoredVersion[] = [];
    // Chunks keep the list of parameters well under either database's limit.
    for (let i = 0; i < rootIds.length; i += 500) {
      const roots = rootIds.slice(i, i + 500);
      const rows = await this.versionsQuery(projectId)
        .where((eb) => eb.or([eb('e.id', 'in', roots), eb('v.root_id', 'in', roots)]))
        .orderBy('e.server_seq')
        .execute();
      out.push(...rows.map(storedVersion));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** The records about these submissions (reviews and review history: comments may name the person). */
  async aboutSubmissions(
    projectId: string,
    submissionIds: readonly string[],
  ): Promise<{ tbl: string; id: string; submissionId: string; data: Record<string, unknown> }[]> {
    const out = [];
    for (let i = 0; i < submissionIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('entities')
        .select(['tbl', 'id', 'submission_id', 'data'])
        .where('tbl', 'in', AGENT_SCOPED_MERGE_TABLES)
        .where('project_id', '=', projectId)
        .where('deleted', '=', 0)
        .where('submission_id', 'in', submissionIds.slice(i, i + 500))
        .orderBy('server_seq')
        .execute();
      for (const r of rows)
        out.push({
          tbl: r.tbl,
          id: r.id,
          submissionId: r.submission_id ?? '',
          data: JSON.parse(r.data) as Record<string, unknown>,
        });
    }
    return out;
  }

  private versionsQuery(projectId: string) {
    return this.db
      .selectFrom('entities as e')
      .leftJoin('submission_versions as v', 'v.id', 'e.id')
      .select([
        'e.id',
        'e.server_seq',
        'e.created_by',
        'e.data',
        'v.root_id',
        'v.superseded_by',
        'v.conflicting',
      ])
      .where('e.tbl', '=', 'submissions')
      .where('e.project_id', '=', projectId)
      .where('e.deleted', '=', 0);
  }
}

function storedVersion(row: {
  id: string;
  server_seq: number;
  created_by: string | null;
  data: string;
  root_id: string | null;
  superseded_by: string | null;
  conflicting: number | null;
}): StoredVersion {
  const status: VersionStatus =
    Number(row.conflicting) === 1 ? 'concurrent' : row.superseded_by !== null ? 'earlier' : 'current';
  return {
    id: row.id,
    // PostgreSQL's bigint comes back as text.
    seq: Number(row.server_seq),
    createdBy: row.created_by,
    rootId: row.root_id ?? row.id,
    status,
    json: row.data,
  };
}
