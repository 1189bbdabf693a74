import type { Kysely, Migration } from 'kysely';

/**
 * A membership remembers when it began, as a server_seq (`joined_seq`): a device whose pull cursor went
 * past a project's earlier records before its user could see them must pull again from 0
 * (src/server/sync/pull.ts, "scope"). Memberships from before this migration count as always held (0).
 * Shipped: never edit.
 */
export const membershipSeqMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('project_members')
      .addColumn('joined_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
