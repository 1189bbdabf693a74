import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

/**
 * Offline map packs (issue 15, src/server/maps): one row per pack, its PMTiles bytes in 1 MiB chunk rows
 * (`bytea` on PostgreSQL, `blob` on SQLite), as media are kept: every server process in front of one
 * PostgreSQL serves the same packs, and a database backup holds them. `ready` is 0 while the chunks of an
 * upload are still being written: such a pack is listed to nobody. Shipped: never edit.
 */
export const mapPacksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
    await db.schema
      .createTable('map_packs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('tile_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('min_zoom', 'integer', (c) => c.notNull())
      .addColumn('max_zoom', 'integer', (c) => c.notNull())
      .addColumn('bounds', 'text', (c) => c.notNull())
      .addColumn('attribution', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('source_format', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('ready', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('map_packs_project').on('map_packs').column('project_id').execute();
    await db.schema
      .createTable('map_pack_chunks')
      .addColumn('pack_id', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addPrimaryKeyConstraint('map_pack_chunks_pk', ['pack_id', 'position'])
      .execute();
  },
};
