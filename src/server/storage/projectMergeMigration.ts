import { sql, type Kysely, type Migration } from 'kysely';
import { Project } from '../../core/records/project';
import { applyWrites } from '../../core/sync/merge';
import { projectWrites } from '../catalog';

interface Tables {
  entities: {
    tbl: string;
    id: string;
    data: string;
    deleted: number;
    hlc: string;
    created_by: string | null;
    server_seq: number;
    field_state: string | null;
  };
  counters: { name: string; value: number };
}

/**
 * Projects become mergeable records (src/core/sync/mergeTables.ts): each stored project gets a field state,
 * every field at the clock and by the author of its last publish (as mergeMigration did for reviews), with
 * the defaults of fields added since written into its data. Each one also gets a fresh server_seq, so that
 * devices pull it again, now with its clocks, and store it as a mergeable row. Shipped: never edit.
 */
export const projectMergeMigration: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Tables>;
    const rows = await db
      .selectFrom('entities')
      .selectAll()
      .where('tbl', '=', 'projects')
      .where('field_state', 'is', null)
      .orderBy('server_seq')
      .execute();
    if (rows.length === 0) return;
    const counter = await db
      .updateTable('counters')
      .set({ value: sql`value + ${rows.length}` })
      .where('name', '=', 'server_seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    let seq = Number(counter.value) - rows.length;
    for (const row of rows) {
      seq += 1;
      const data = Project.parse({ ...(JSON.parse(row.data) as object), deleted: Number(row.deleted) !== 0 });
      const state = applyWrites({}, projectWrites(data, row.hlc, row.created_by)).state;
      await db
        .updateTable('entities')
        .set({ data: JSON.stringify(data), field_state: JSON.stringify(state), server_seq: seq })
        .where('tbl', '=', 'projects')
        .where('id', '=', row.id)
        .execute();
    }
  },
};
