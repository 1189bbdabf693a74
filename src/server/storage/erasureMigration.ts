import type { Kysely, Migration } from 'kysely';

/**
 * Erasure and retention (src/server/erasure, src/server/retention). An erasure redacts the audit entries
 * about the records it erases (their review comments before and after), found by their target: an index on
 * `(tbl, record_id)`. The purge pages through refused changes by age: an index on `created_at`. Erased
 * submissions need no new column: their tombstone is an `entities` row (`deleted` 1, no content) whose
 * `submission_id` names the chain's first version, so an agent pulls the tombstones of every version of
 * their own submission. Shipped: never edit.
 */
export const erasureMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_log_record').on('audit_log').columns(['tbl', 'record_id']).execute();
    await db.schema.createIndex('rejected_created').on('rejected_mutations').column('created_at').execute();
  },
};
