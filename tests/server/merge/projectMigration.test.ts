import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { Project } from '../../../src/core/records/project';
import { backends } from '../backends';
import { bareDatabase, migrator } from '../oldDatabase';

/** Projects stored as plain entities before they merged get a field state and a fresh server_seq. */

const PROJECT_MIGRATION = '2026-12-02-0007-projects-merge';

describe.each(backends)('projects merge migration on $name', (backend) => {
  it('gives stored projects a field state from their last publish, defaults filled, and new server_seqs', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      const before = await migrator(db, (name) => name < PROJECT_MIGRATION).migrateToLatest();
      expect(before.error).toBeUndefined();
      const hlc = encodeHlc({ wall: Date.parse('2026-11-01T08:00:00.000Z'), counter: 0, node: 'server' });
      const row = (id: string, seq: number, deleted = 0) => ({
        tbl: 'projects',
        id,
        project_id: id,
        created_by: null,
        // As the first release stored it: no status, sectors…
        data: JSON.stringify({ id, code: id.toUpperCase(), title: { fr: id }, organisationId: null }),
        deleted,
        server_seq: seq,
        hlc,
        updated_at: '2026-11-01T08:00:00.000Z',
      });
      await (db as Kysely<{ entities: ReturnType<typeof row> }>)
        .insertInto('entities')
        .values([row('p-gao', 1), row('p-old', 2, 1)])
        .execute();
      await sql`update counters set value = 2 where name = 'server_seq'`.execute(db);

      const after = await migrator(db, () => true).migrateToLatest();
      expect(after.error).toBeUndefined();
      const { rows } = await sql<{ id: string; data: string; field_state: string; server_seq: number }>`
        select id, data, field_state, server_seq from entities where tbl = 'projects' order by id`.execute(
        db,
      );
      expect(rows.map((r) => [r.id, Number(r.server_seq)])).toEqual([
        ['p-gao', 3],
        ['p-old', 4],
      ]);
      const gao = Project.parse(JSON.parse(rows[0]!.data));
      expect(gao).toMatchObject({ code: 'P-GAO', status: 'active', sectors: [], deleted: false });
      const state = JSON.parse(rows[0]!.field_state) as Record<string, { value: unknown; hlc: string }>;
      expect(state.code).toEqual({ value: 'P-GAO', hlc, by: null });
      expect(state.status?.value).toBe('active');
      const old = JSON.parse(rows[1]!.field_state) as Record<string, { value: unknown }>;
      expect(old.deleted?.value).toBe(true);
      const { rows: counter } = await sql<{ value: number }>`
        select value from counters where name = 'server_seq'`.execute(db);
      expect(Number(counter[0]?.value)).toBe(4);
    } finally {
      await drop();
    }
  });
});
