import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/server/audit/verify';
import { KyselyOps } from '../../../src/server/storage/KyselyOps';
import type { Database } from '../../../src/server/storage/schema';
import { backends } from '../backends';
import { bareDatabase, migrator } from '../oldDatabase';

const CHAIN_MIGRATION = '2026-12-06-0010-audit-chain';

/** Audit entries written before the chain are chained in the order they were written, and new ones follow. */
describe.each(backends)('audit chain migration on $name', (backend) => {
  it('chains the entries an older server wrote, then appends after them', async () => {
    const { db, drop } = await bareDatabase(backend);
    try {
      expect((await migrator(db, (name) => name < CHAIN_MIGRATION).migrateToLatest()).error).toBeUndefined();
      const row = (id: string, at: string, action: string) => ({
        id,
        at,
        user_id: null,
        action,
        tbl: null,
        record_id: null,
      });
      await (db as Kysely<{ audit_log: ReturnType<typeof row> }>)
        .insertInto('audit_log')
        .values([
          row('b', '2026-11-02T08:00:00.000Z', 'user.create'),
          row('a', '2026-11-01T08:00:00.000Z', 'project.publish'),
          row('c', '2026-11-02T08:00:00.000Z', 'auth.login'),
        ])
        .execute();
      expect((await migrator(db, () => true).migrateToLatest()).error).toBeUndefined();

      const storage = new KyselyOps(db as unknown as Kysely<Database>, backend.name);
      await storage.audit({
        at: '2026-12-06T08:00:00.000Z',
        userId: null,
        action: 'auth.login',
        tbl: null,
        recordId: null,
      });
      const { rows } = await sql<{
        id: string;
        seq: number;
      }>`select id, seq from audit_log order by seq`.execute(db);
      expect(rows.map((r) => [r.id, Number(r.seq)]).slice(0, 3)).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]);
      expect(await verifyAuditChain(storage)).toMatchObject({ ok: true, entries: 4, head: { seq: 4 } });
    } finally {
      await drop();
    }
  });
});
