import type { Kysely, Migration } from 'kysely';

/**
 * Who added which file to which project's documents (src/server/media/projectDocuments.ts). A project's
 * document lets the project's readers (and, when public, everyone) download the file only when one who
 * added it completed an upload of those bytes: a supervisor naming a hash they never sent gains nothing.
 * Server-only, never pulled. Shipped: never edit.
 */
export const projectDocumentsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('project_document_refs')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_document_refs_pk', ['project_id', 'sha256', 'added_by'])
      .execute();
    await db.schema
      .createIndex('project_document_refs_sha256')
      .on('project_document_refs')
      .column('sha256')
      .execute();
  },
};
