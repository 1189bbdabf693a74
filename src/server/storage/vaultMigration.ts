import type { Kysely, Migration } from 'kysely';

/**
 * Each account's vault secret (src/server/auth/vaultSecret.ts): 32 random bytes, made at the account's first
 * sign-in after this migration and never changed, which the sign-in answer carries so that a device can
 * keep its data through a password reset. Shipped: never edit.
 */
export const vaultMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('vault_secrets')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
