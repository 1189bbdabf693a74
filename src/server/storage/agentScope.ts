import type { Kysely } from 'kysely';
import { MERGE_TABLE_NAMES, mergeTable } from '../../core/sync/mergeTables';
import type { Database } from './schema';

/**
 * Mergeable tables whose records are about a submission (reviews, review events; `ownerSubmission`): an
 * agent pulls them only for their own submissions (by the `submission_id` column), like the submissions
 * themselves. A parent alone does not make a table agent-scoped: agents read every indicator value of their
 * projects although a value's parent is its indicator.
 */
export const AGENT_SCOPED_MERGE_TABLES: string[] = MERGE_TABLE_NAMES.filter(
  (name) => mergeTable(name).ownerSubmission !== undefined,
);

/** Mergeable tables of no project (organisations): every signed-in user pulls them. */
export const GLOBAL_MERGE_TABLES: string[] = MERGE_TABLE_NAMES.filter((name) => mergeTable(name).global);

/** The ids of the projects `userId` is a member of, as a subquery. */
export function memberProjects(db: Kysely<Database>, userId: string) {
  return db.selectFrom('project_members').select('project_id').where('user_id', '=', userId);
}

/**
 * The ids of every version of the submissions `userId` started, as a subquery: an agent sees the corrections
 * others made to their submissions as well as their own (pull, and the download of the files they name).
 */
export function versionsOfOwn(db: Kysely<Database>, userId: string) {
  return db.selectFrom('submission_versions').select('id').where('author', '=', userId);
}
