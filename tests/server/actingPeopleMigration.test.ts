import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Member } from '../../src/core/records/member';
import { backends } from './backends';
import { bareDatabase, migrator } from './oldDatabase';

/**
 * The people who acted on a project's records without being its members (found in the audit log) get
 * their `members` record in that project, and only there.
 */

const MIGRATION = '2026-12-06-0031-acting-people';

describe.each(backends)('acting people migration on $name', (backend) => {
  it('names an admin to the projects whose records they wrote, and to no other', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      const before = await migrator(db, (name) => name < MIGRATION).migrateToLatest();
      expect(before.error).toBeUndefined();
      const at = '2026-11-01T08:00:00.000Z';
      await sql`insert into projects (id, organisation_id, created_at) values ('p-a', null, ${at}), ('p-b', null, ${at})`.execute(
        db,
      );
      for (const [id, username, name, role] of [
        ['u-1', 'awa', 'Awa Traoré', 'agent'],
        ['u-2', 'adn', 'Administratrice ADN', 'admin'],
        ['u-3', 'ali', 'Ali Maïga', 'supervisor'],
      ])
        await sql`insert into users (id, username, display_name, role, organisation_id, password_hash, created_at, disabled)
          values (${id}, ${username}, ${name}, ${role}, null, 'x', ${at}, 0)`.execute(db);
      await sql`insert into project_members (project_id, user_id, joined_seq) values ('p-a', 'u-1', 0)`.execute(
        db,
      );
      // u-1's membership record; u-3 was a member of p-a once (a tombstone): left as it is.
      const entity = (tbl: string, id: string, project: string, seq: number, deleted = 0) =>
        sql`insert into entities (tbl, id, project_id, created_by, data, deleted, server_seq, hlc, updated_at)
          values (${tbl}, ${id}, ${project}, null, '{}', ${deleted}, ${seq}, 'h', ${at})`.execute(db);
      await entity('members', 'p-a:u-1', 'p-a', 1);
      await entity('members', 'p-a:u-3', 'p-a', 2, 1);
      await entity('submissions', 's-1', 'p-a', 3);
      await entity('reviews', 's-1', 'p-a', 4);
      await entity('organisations', 'o-1', '', 5);
      await entity('projects', 'p-b', 'p-b', 6);
      let seq = 0;
      const audit = (user: string, tbl: string, id: string, onBehalfOf: string | null = null) =>
        sql`insert into audit_log (id, at, user_id, action, tbl, record_id, seq, on_behalf_of, prev_hash, hash)
          values (${`a-${++seq}`}, ${at}, ${user}, ${`${tbl}.put`}, ${tbl}, ${id}, ${seq}, ${onBehalfOf}, 'x', 'y')`.execute(
          db,
        );
      await audit('u-1', 'submissions', 's-1');
      await audit('u-2', 'reviews', 's-1');
      await audit('u-2', 'reviews', 's-1');
      await audit('u-2', 'organisations', 'o-1');
      await audit('u-3', 'reviews', 's-1');
      // An import: the changes are the file's user's (u-2), the importer (u-3) only carried them.
      await audit('u-3', 'projects', 'p-b', 'u-2');
      await sql`update counters set value = 7 where name = 'server_seq'`.execute(db);

      const after = await migrator(db, () => true).migrateToLatest();
      expect(after.error).toBeUndefined();
      const { rows } = await sql<{ id: string; project_id: string; data: string; server_seq: number }>`
        select id, project_id, data, server_seq from entities where tbl = 'members' and server_seq > 7
        order by server_seq`.execute(db);
      expect(rows.map((r) => [r.id, r.project_id, Number(r.server_seq)])).toEqual([
        ['p-a:u-2', 'p-a', 8],
        ['p-b:u-2', 'p-b', 9],
      ]);
      expect(Member.parse(JSON.parse(rows[0]!.data))).toEqual({
        id: 'p-a:u-2',
        projectId: 'p-a',
        userId: 'u-2',
        username: 'adn',
        displayName: 'Administratrice ADN',
        role: 'admin',
      });
      const { rows: counter } = await sql<{ value: number }>`
        select value from counters where name = 'server_seq'`.execute(db);
      expect(Number(counter[0]?.value)).toBe(9);
    } finally {
      await drop();
    }
  });
});
