import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { backends } from '../backends';
import { bareDatabase, migrator } from '../oldDatabase';

const FORMS_MIGRATION = '2026-12-06-0014-forms-by-project';

describe.each(backends)('forms-by-project migration on $name', (backend) => {
  it('renames each stored form version to its project key, keeping its place in the pull order', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      const before = await migrator(db, (name) => name < FORMS_MIGRATION).migrateToLatest();
      expect(before.error).toBeUndefined();
      const form = (projectId: string, formId: string, version: string, seq: number) => ({
        tbl: 'forms',
        id: `${formId}@${version}`,
        project_id: projectId,
        created_by: null,
        data: JSON.stringify({ formId, version, projectId, publishedAt: '2026-11-24T08:00:00.000Z' }),
        server_seq: seq,
        hlc: 'h',
        updated_at: '2026-11-24T08:00:00.000Z',
      });
      const rows = [
        form('gao', 'menage', '1', 1),
        form('gao', 'menage', '2', 2),
        form('kidal', 'puits', '2026-11', 3),
        // Ids as an admin may have chosen them: the key still names one project, form and version.
        form('odd/pro@ject%', 'menage', 'v@1/2', 4),
      ];
      // More than one page of the migration's reads.
      for (let i = 0; i < 120; i += 1) rows.push(form('gao', `f${String(i).padStart(3, '0')}`, '1', 10 + i));
      await (db as Kysely<{ entities: (typeof rows)[number] }>).insertInto('entities').values(rows).execute();

      const after = await migrator(db, () => true).migrateToLatest();
      expect(after.error).toBeUndefined();
      const { rows: stored } = await sql<{ id: string; server_seq: number | string }>`
        select id, server_seq from entities where tbl = 'forms' order by server_seq`.execute(db);
      expect(stored.slice(0, 4).map((r) => [r.id, Number(r.server_seq)])).toEqual([
        [formVersionKey('gao', 'menage', '1'), 1],
        [formVersionKey('gao', 'menage', '2'), 2],
        [formVersionKey('kidal', 'puits', '2026-11'), 3],
        ['odd%2Fpro%40ject%25/menage@v@1/2', 4],
      ]);
      expect(stored).toHaveLength(124);
      expect(stored.every((r) => r.id.includes('/'))).toBe(true);
    } finally {
      await drop();
    }
  });
});
