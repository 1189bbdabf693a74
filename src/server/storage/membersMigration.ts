import { sql, type Kysely, type Migration } from 'kysely';
import { encodeHlc } from '../../core/hlc';
import { memberId } from '../../core/records/member';

/**
 * The `members` records (src/core/records/member.ts) of the memberships that existed before them: one entity
 * per project and user, with fresh server_seqs, so every device pulls the people of its projects (an app
 * that knows the new table pulls again from 0 anyway). Later memberships write their own
 * (KyselyAccountOps.writeMemberRecords). Shipped: never edit.
 */
export const membersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const rows = await sql<{
      project_id: string;
      user_id: string;
      username: string;
      display_name: string;
      role: string;
    }>`select m.project_id, m.user_id, u.username, u.display_name, u.role
       from project_members m join users u on u.id = m.user_id
       order by m.project_id, m.user_id`.execute(db);
    if (rows.rows.length === 0) return;
    const counter = await sql<{ value: string | number }>`
      update counters set value = value + ${rows.rows.length} where name = 'server_seq' returning value`.execute(
      db,
    );
    let seq = Number(counter.rows[0]?.value ?? 0) - rows.rows.length;
    const at = new Date();
    const hlc = encodeHlc({ wall: at.getTime(), counter: 0, node: 'server' });
    for (const row of rows.rows) {
      seq += 1;
      const id = memberId(row.project_id, row.user_id);
      const data = JSON.stringify({
        id,
        projectId: row.project_id,
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
      });
      await sql`insert into entities (tbl, id, project_id, created_by, data, deleted, server_seq, hlc, updated_at)
        values ('members', ${id}, ${row.project_id}, null, ${data}, 0, ${seq}, ${hlc}, ${at.toISOString()})`.execute(
        db,
      );
    }
  },
};
