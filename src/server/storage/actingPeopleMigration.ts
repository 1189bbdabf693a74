import { sql, type Kysely, type Migration } from 'kysely';
import { encodeHlc } from '../../core/hlc';
import { memberId } from '../../core/records/member';

/**
 * The `members` records of the people who acted on a project's records without being its members (an
 * admin who reviewed a submission or edited a project), found in the audit log, so that the project's
 * devices name them instead of "a member not yet synced". Later acts write their own
 * (KyselyAccountOps.recordActingPerson). Pairs with any `members` record, even a tombstone (a membership
 * that ended), are left as they are. Shipped: never edit.
 */
export const actingPeopleMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const rows = await sql<{
      project_id: string;
      user_id: string;
      username: string;
      display_name: string;
      role: string;
    }>`select distinct e.project_id, u.id as user_id, u.username, u.display_name, u.role
       from audit_log a
       join entities e on e.tbl = a.tbl and e.id = a.record_id
       join projects p on p.id = e.project_id
       join users u on u.id = coalesce(a.on_behalf_of, a.user_id)
       where a.tbl is not null and a.tbl <> 'members'
         and not exists (select 1 from entities m
           where m.tbl = 'members' and m.id = e.project_id || ':' || u.id)
       order by e.project_id, u.id`.execute(db);
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
