import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

/**
 * The media files of published forms (images, sounds, films their labels name), one row per distinct file,
 * named by the SHA-256 of its bytes: two versions (or two projects' forms) with the same picture keep it
 * once. Apart from the submissions' media (media_blobs), which their own rights and cleanup govern; which
 * version has which file is in the version's record (`FormVersion.files`). Bytes are `bytea` on
 * PostgreSQL and `blob` on SQLite, whole (a form's files are a few MB at most). Shipped: never edit.
 */
export const formFilesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
    await db.schema
      .createTable('form_files')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
