import type { Kysely, Migration } from 'kysely';

/**
 * Per-user request counts (src/server/limits/rateLimit.ts): one row per user and kind of request, counting
 * the requests of its current window, so limits hold across every server process on one PostgreSQL. And an
 * index to count a user's stored rejections (src/server/sync/rejectedCaps.ts). Shipped: never edit.
 */
export const rateLimitMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rejected_user').on('rejected_mutations').column('user_id').execute();
  },
};
