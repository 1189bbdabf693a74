import type { Kysely, Migration } from 'kysely';

interface Tables {
  entities: { tbl: string; id: string; submission_id: string | null };
}

/**
 * Review events (src/core/records/reviewEvent.ts) name their submission in their data, not in their id as
 * reviews do, and an agent pulls only the events of their own submissions. `submission_id` is the submission
 * a mergeable record is about (MergeTableSpec.ownerSubmission), set when the record is created: the agent's
 * pull filters on it. Reviews are named by their submission's id, so theirs is their id. Shipped: never edit.
 */
export const reviewEventsMigration: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Tables>;
    await db.schema.alterTable('entities').addColumn('submission_id', 'text').execute();
    await db
      .updateTable('entities')
      .set((eb) => ({ submission_id: eb.ref('id') }))
      .where('tbl', '=', 'reviews')
      .execute();
  },
};
