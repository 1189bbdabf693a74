import type { Kysely, Migration } from 'kysely';

/**
 * Mergeable records (src/core/sync/mergeTables.ts) and the conflict log (docs/sync-protocol.md, "Mergeable
 * records"). A mergeable record stays in `entities` (pull serves it like any other), its `data` being the
 * merged record; `field_state` holds, per field path, the value, the clock and the writer that set it: what
 * the next write merges with. `conflicts` keeps every value a concurrent edit lost, until a supervisor
 * restores it (and after). Shipped: never edit, add a new one.
 */
export const mergeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('entities').addColumn('field_state', 'text').execute();
    // An agent's pull looks up their own submissions to find the reviews of them.
    await db.schema
      .createIndex('entities_tbl_created_by')
      .on('entities')
      .columns(['tbl', 'created_by'])
      .execute();

    await db.schema
      .createTable('conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('losing_value', 'text', (c) => c.notNull())
      .addColumn('losing_hlc', 'text', (c) => c.notNull())
      .addColumn('losing_by', 'text')
      .addColumn('winning_value', 'text', (c) => c.notNull())
      .addColumn('winning_hlc', 'text', (c) => c.notNull())
      .addColumn('winning_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('restored_at', 'text')
      .addColumn('restored_by', 'text')
      // One value is lost once: the same write reported twice (a replay) is the same conflict.
      .addUniqueConstraint('conflicts_loser', ['tbl', 'record_id', 'field', 'losing_hlc'])
      .execute();
    await db.schema
      .createIndex('conflicts_project_at')
      .on('conflicts')
      .columns(['project_id', 'created_at'])
      .execute();
  },
};
