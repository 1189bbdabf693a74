import { PostgresAdapter, type Kysely, type Migration } from 'kysely';
import { mediaRefsOf } from '../../core/forms/mediaRefs';
import type { MediaRefsTable } from './mediaSchema';
import { chunks } from './rows';

interface BackfillDatabase {
  entities: { tbl: string; id: string; data: string; deleted: number };
  media_refs: MediaRefsTable;
}

const BACKFILL_PAGE = 500;

/**
 * Media blobs, their uploads and which submission names which file (docs/sync-protocol.md, "Media").
 * Bytes are `bytea` on PostgreSQL and `blob` on SQLite, one row per uploaded chunk.
 *
 * Submissions pushed before this migration may already name photos still on the devices: their references
 * are recorded here, so reviewers may download those photos once they arrive. Shipped: never edit.
 */
export const mediaMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';

    await db.schema
      .createTable('media_uploads')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('length', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('received', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addPrimaryKeyConstraint('media_uploads_pk', ['sha256', 'user_id'])
      .execute();

    await db.schema
      .createTable('media_chunks')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addPrimaryKeyConstraint('media_chunks_pk', ['sha256', 'user_id', 'position'])
      .execute();

    await db.schema
      .createTable('media_blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('media_refs')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('submission_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('media_refs_pk', ['sha256', 'submission_id'])
      .execute();

    await backfillRefs(db as Kysely<BackfillDatabase>);
  },
};

async function backfillRefs(db: Kysely<BackfillDatabase>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('entities')
      .select(['id', 'data', 'deleted'])
      .where('tbl', '=', 'submissions')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BACKFILL_PAGE)
      .execute();
    const refs: MediaRefsTable[] = [];
    for (const row of rows) {
      if (Number(row.deleted) !== 0) continue;
      const submission = JSON.parse(row.data) as { data?: unknown };
      for (const ref of mediaRefsOf(submission.data))
        refs.push({ sha256: ref.sha256, submission_id: row.id });
    }
    for (const part of chunks(refs, BACKFILL_PAGE)) {
      await db
        .insertInto('media_refs')
        .values(part)
        .onConflict((oc) => oc.columns(['sha256', 'submission_id']).doNothing())
        .execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < BACKFILL_PAGE) return;
    after = last.id;
  }
}
