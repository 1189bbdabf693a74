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

const GRANTS_MIGRATION = '2026-12-06-0013-media-grants';

describe.each(backends)('media grants migration on $name', (backend) => {
  it('lets the references stored before it grant access only where their author uploaded the file', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      const before = await migrator(db, (name) => name < GRANTS_MIGRATION).migrateToLatest();
      expect(before.error).toBeUndefined();
      const at = '2026-11-24T08:00:00.000Z';
      const old = db as Kysely<Record<string, Record<string, unknown>>>;
      await old
        .insertInto('users')
        .values(
          ['agent', 'other'].map((id) => ({
            id,
            username: id,
            display_name: id,
            role: 'agent',
            password_hash: 'x',
            created_at: at,
          })),
        )
        .execute();
      const submission = (id: string, by: string, seq: number) => ({
        tbl: 'submissions',
        id,
        project_id: 'p',
        created_by: by,
        data: '{}',
        server_seq: seq,
        hlc: 'h',
        updated_at: at,
      });
      await old
        .insertInto('entities')
        .values([
          submission('own', 'agent', 1),
          submission('named', 'other', 2),
          submission('partial', 'agent', 3),
        ])
        .execute();
      const upload = (sha: string, user: string, completed: boolean) => ({
        sha256: sha.repeat(64),
        user_id: user,
        length: 3,
        type: 'image/jpeg',
        received: completed ? 3 : 1,
        created_at: at,
        updated_at: at,
        completed_at: completed ? at : null,
      });
      await old
        .insertInto('media_uploads')
        .values([upload('a', 'agent', true), upload('b', 'agent', false)])
        .execute();
      await old
        .insertInto('media_refs')
        .values([
          // The agent's photo, uploaded by the agent: still visible to the project.
          { sha256: 'a'.repeat(64), submission_id: 'own' },
          // Someone else naming the agent's photo: no longer a way in.
          { sha256: 'a'.repeat(64), submission_id: 'named' },
          // The agent's own photo, its upload unfinished: grants once it completes.
          { sha256: 'b'.repeat(64), submission_id: 'partial' },
        ])
        .execute();

      const after = await migrator(db, () => true).migrateToLatest();
      expect(after.error).toBeUndefined();
      const { rows } = await sql<{ sha256: string; submission_id: string; grants: number }>`
        select sha256, submission_id, grants from media_refs order by submission_id`.execute(db);
      expect(rows.map((r) => [r.submission_id, r.sha256[0], Number(r.grants)])).toEqual([
        ['named', 'a', 0],
        ['own', 'a', 1],
        ['partial', 'b', 0],
      ]);
    } finally {
      await drop();
    }
  });
});
