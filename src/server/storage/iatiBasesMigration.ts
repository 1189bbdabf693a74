import type { Kysely, Migration } from 'kysely';

/**
 * The values each record last received from an IATI file (src/server/iati): the base of the three-way
 * comparison that tells a change of the file from an edit made in Terrain since. Server-only, never pulled.
 * Shipped: never edit.
 */
export const iatiBasesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('iati_bases')
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('iati_bases_pk', ['tbl', 'id'])
      .execute();
  },
};
