import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Member } from '../../src/core/records/member';
import { backends } from './backends';
import { bareDatabase, migrator } from './oldDatabase';

/** The memberships of before the `members` table get their records, with fresh server_seqs. */

const MEMBERS_MIGRATION = '2026-12-06-0030-members';

describe.each(backends)('members migration on $name', (backend) => {
  it('writes one members record per existing membership, after every stored server_seq', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      const before = await migrator(db, (name) => name < MEMBERS_MIGRATION).migrateToLatest();
      expect(before.error).toBeUndefined();
      const at = '2026-11-01T08:00:00.000Z';
      await sql`insert into projects (id, organisation_id, created_at) values ('p-a', null, ${at}), ('p-b', null, ${at})`.execute(
        db,
      );
      for (const [id, username, name, role] of [
        ['u-1', 'awa', 'Awa Traoré', 'agent'],
        ['u-2', 'fatou', 'Fatoumata Cissé', 'focal_point'],
      ])
        await sql`insert into users (id, username, display_name, role, organisation_id, password_hash, created_at, disabled)
          values (${id}, ${username}, ${name}, ${role}, null, 'x', ${at}, 0)`.execute(db);
      await sql`insert into project_members (project_id, user_id, joined_seq)
        values ('p-a', 'u-1', 0), ('p-a', 'u-2', 0), ('p-b', 'u-2', 0)`.execute(db);
      await sql`update counters set value = 7 where name = 'server_seq'`.execute(db);

      const after = await migrator(db, () => true).migrateToLatest();
      expect(after.error).toBeUndefined();
      const { rows } = await sql<{ id: string; project_id: string; data: string; server_seq: number }>`
        select id, project_id, data, server_seq from entities where tbl = 'members' order by server_seq`.execute(
        db,
      );
      expect(rows.map((r) => [r.id, r.project_id, Number(r.server_seq)])).toEqual([
        ['p-a:u-1', 'p-a', 8],
        ['p-a:u-2', 'p-a', 9],
        ['p-b:u-2', 'p-b', 10],
      ]);
      expect(Member.parse(JSON.parse(rows[1]!.data))).toEqual({
        id: 'p-a:u-2',
        projectId: 'p-a',
        userId: 'u-2',
        username: 'fatou',
        displayName: 'Fatoumata Cissé',
        role: 'focal_point',
      });
      const { rows: counter } = await sql<{ value: number }>`
        select value from counters where name = 'server_seq'`.execute(db);
      expect(Number(counter[0]?.value)).toBe(10);
    } finally {
      await drop();
    }
  });
});
