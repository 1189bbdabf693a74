import type { Kysely, Migration } from 'kysely';

/**
 * The server's own key pairs (src/server/sealed/serverKey.ts): devices seal their pending changes to the
 * public key, and every server process of one database opens them with the private key (PKCS#8). Shipped:
 * never edit.
 */
export const serverKeysMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('private_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
