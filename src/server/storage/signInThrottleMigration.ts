import type { Kysely, Migration } from 'kysely';

/**
 * Failed sign-ins per account and per network address, and the locks they start
 * (src/server/auth/throttlePolicy.ts). In the database so that several server processes on one PostgreSQL
 * share them. Rows without a failure for a day and without a lock are pruned. Shipped: never edit.
 */
export const signInThrottleMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_failure_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('refusal_audited', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pending_at', 'text')
      .execute();
    await db.schema
      .createIndex('sign_in_throttle_last_failure')
      .on('sign_in_throttle')
      .column('last_failure_at')
      .execute();
  },
};
