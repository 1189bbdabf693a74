import type { Kysely, Migration } from 'kysely';

/**
 * Administrative boundaries (issue 15, src/core/public/boundaries.ts): one row per level (adm1, adm2), its
 * areas as JSON text (P-code, name, rounded and simplified geometry), replaced whole by each upload.
 * Shipped: never edit.
 */
export const boundariesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('admin_boundaries')
      .addColumn('level', 'text', (c) => c.primaryKey())
      .addColumn('areas', 'text', (c) => c.notNull())
      .addColumn('area_count', 'integer', (c) => c.notNull())
      .addColumn('source_name', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .execute();
  },
};
