import type { Kysely, Migration } from 'kysely';

/**
 * Versions of edited submissions (docs/sync-protocol.md, "Submission versions"). The submissions themselves
 * stay in `entities`, unchanged: a version row only records how they are linked and which one is current,
 * so a replaced submission becomes superseded without its stored record ever being rewritten.
 *
 * Submissions finalized before this migration have no row: nothing could replace them before (devices
 * had no way to edit), and a submission without a row is simply current. Shipped: never edit, add a new one.
 */
export const submissionVersionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('submission_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('replaces', 'text')
      .addColumn('root_id', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('hlc', 'text', (c) => c.notNull())
      .addColumn('superseded_by', 'text')
      .addColumn('conflicting', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // A push reads whole chains; an agent's pull looks up the chains they started.
    await db.schema
      .createIndex('submission_versions_root')
      .on('submission_versions')
      .column('root_id')
      .execute();
    await db.schema
      .createIndex('submission_versions_author')
      .on('submission_versions')
      .column('author')
      .execute();
  },
};
