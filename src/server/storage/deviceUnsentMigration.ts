import type { Kysely, Migration } from 'kysely';

/**
 * What a device last said it had not sent yet (its pending outbox), reported with its pulls, for the users
 * and devices page: a device that is silent with changes still on it is one to go and fetch. Null until the
 * device reports (older apps never do). Shipped: never edit.
 */
export const deviceUnsentMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('clients').addColumn('unsent', 'integer').execute();
  },
};
