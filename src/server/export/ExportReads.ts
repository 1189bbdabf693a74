import type { Kysely } from 'kysely';
import { versionsOfOwn } from '../storage/agentScope';
import type { Database } from '../storage/schema';

/** The entity tables an export reads. */
export type ExportTable =
  'projects' | 'organisations' | 'indicators' | 'indicatorValues' | 'submissions' | 'forms';

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
  data: Record<string, unknown>;
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
      .select(['id', 'project_id', 'created_by', 'data'])
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
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }
}
