import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends } from '../backends';
import { bareDatabase, migrator } from '../oldDatabase';

const MEDIA_MIGRATION = '2026-11-23-0005-media-blobs';

describe.each(backends)('media migration on $name', (backend) => {
  it('records the files named by submissions stored before it', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      const before = await migrator(db, (name) => name < MEDIA_MIGRATION).migrateToLatest();
      expect(before.error).toBeUndefined();
      const photo = { sha256: 'a'.repeat(64), name: 'p.jpg', type: 'image/jpeg', size: 3 };
      const row = (id: string, data: unknown, deleted = 0) => ({
        tbl: 'submissions',
        id,
        project_id: 'p',
        created_by: 'u',
        data: JSON.stringify({ id, data }),
        deleted,
        server_seq: Number(id.slice(1)),
        hlc: 'h',
        updated_at: '2026-11-24T08:00:00.000Z',
      });
      const rows = [
        row('s1', { photo, visits: [{ audio: { ...photo, sha256: 'b'.repeat(64) } }] }),
        row('s2', { site: 'no files' }),
        row('s3', { photo }),
        row('s4', { photo: { ...photo, sha256: 'c'.repeat(64) } }, 1),
      ];
      await (db as Kysely<{ entities: (typeof rows)[number] }>).insertInto('entities').values(rows).execute();

      const after = await migrator(db, () => true).migrateToLatest();
      expect(after.error).toBeUndefined();
      const { rows: refs } = await sql<{ sha256: string; submission_id: string }>`
        select sha256, submission_id from media_refs order by submission_id, sha256`.execute(db);
      expect(refs.map((r) => `${r.submission_id}:${r.sha256[0]}`)).toEqual(['s1:a', 's1:b', 's3:a']);
    } finally {
      await drop();
    }
  });
});
