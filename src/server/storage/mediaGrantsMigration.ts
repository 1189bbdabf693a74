import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `media_refs.grants` (issue 11, hole 5): a submission naming a file lets others download it only when its
 * author proved they hold the bytes. Before, naming a SHA-256 in one's own submission was enough to download
 * someone else's photo.
 *
 * References stored before are granting when the submission's author completed an upload of the file. A
 * file the server held already when its author sent it was answered "complete" at once and that author's
 * upload forgotten: such references stay closed (an attacker's and an honest duplicate look the same),
 * and the file remains visible through its first uploader's submissions. Shipped: never edit.
 */
export const mediaGrantsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('media_refs')
      .addColumn('grants', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`
      update media_refs set grants = 1
      where exists (
        select 1 from entities e
        join media_uploads u on u.user_id = e.created_by
        where e.tbl = 'submissions' and e.id = media_refs.submission_id
          and u.sha256 = media_refs.sha256 and u.completed_at is not null
      )`.execute(db);
  },
};
