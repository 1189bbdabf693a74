import { MERGE_TABLE_NAMES, MERGE_TABLES } from '../../core/sync/mergeTables';

/**
 * Mergeable tables whose records belong to a submission and share its id (reviews): an agent pulls them
 * only for the submissions they may see, like the submissions themselves.
 */
export const AGENT_SCOPED_MERGE_TABLES: string[] = MERGE_TABLE_NAMES.filter(
  (name) => (MERGE_TABLES[name] as { parent?: unknown }).parent !== undefined,
);
