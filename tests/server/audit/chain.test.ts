import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/server/audit/verify';
import type { Database } from '../../../src/server/storage/schema';
import type { AuditEntry, Storage } from '../../../src/server/storage/Storage';
import { backends, type TestDatabase } from '../backends';

/** The Kysely handle under a storage, to tamper with rows as someone with database access could. */
const rawDb = (storage: Storage) => (storage as unknown as { db: Kysely<Database> }).db;

const entry = (i: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2026, 11, 6, 8, 0, i)).toISOString(),
  userId: `user-${i % 3}`,
  action: i % 2 ? 'export.csv' : 'auth.login',
  tbl: null,
  recordId: null,
  ...extra,
});

describe.each(backends)('the audit chain on $name', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await backend.create();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('links every entry to the one before, with who, from where, and the details as written', async () => {
    const { storage } = db;
    await storage.audit(
      entry(1, {
        onBehalfOf: 'agent-1',
        address: '10.0.0.7',
        userAgent: 'Mozilla/5.0 (Linux; Android 12)',
        details: { format: 'csv', rows: 12, filters: { '2': 'numeric key first', b: 1 } },
      }),
    );
    await storage.auditMany([entry(2), entry(3)]);
    // Inside a transaction: written when it commits (last), and not at all when it rolls back.
    await storage.transaction(async (tx) => {
      await tx.audit(entry(4));
      expect((await tx.listAudit(10)).map((e) => e.seq)).toEqual([3, 2, 1]);
    });
    await expect(
      storage.transaction(async (tx) => {
        await tx.audit(entry(5));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    const all = await storage.listAudit(10);
    expect(all.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    const first = all.at(-1)!;
    expect(first).toMatchObject({
      onBehalfOf: 'agent-1',
      address: '10.0.0.7',
      userAgent: 'Mozilla/5.0 (Linux; Android 12)',
      details: { format: 'csv', rows: 12 },
    });
    expect(all[0]!.prevHash).toBe(all[1]!.hash);
    expect(await verifyAuditChain(storage)).toMatchObject({ ok: true, entries: 4, head: { seq: 4 } });

    // Filters: by user, by action or action prefix, since a time.
    expect((await storage.listAudit(10, { userId: 'user-1' })).map((e) => e.seq)).toEqual([4, 1]);
    expect((await storage.listAudit(10, { action: 'auth.' })).map((e) => e.seq)).toEqual([4, 2]);
    expect((await storage.listAudit(10, { since: entry(3).at })).map((e) => e.seq)).toEqual([4, 3]);
  });

  it('detects an entry edited, deleted, or cut from the end', async () => {
    const { storage } = db;
    const sql = rawDb(storage);
    await sql.updateTable('audit_log').set({ user_id: 'someone-else' }).where('seq', '=', 2).execute();
    let result = await verifyAuditChain(storage);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ seq: 2, problem: 'was changed after it was written' }]);
    await sql.updateTable('audit_log').set({ user_id: 'user-2' }).where('seq', '=', 2).execute();
    expect((await verifyAuditChain(storage)).ok).toBe(true);

    await sql.deleteFrom('audit_log').where('seq', '=', 3).execute();
    result = await verifyAuditChain(storage);
    expect(result.problems.map((p) => p.seq)).toEqual([3, 4]);

    await sql.deleteFrom('audit_log').where('seq', '=', 4).execute();
    result = await verifyAuditChain(storage);
    expect(result.problems.at(-1)?.seq).toBe(4);
    expect(result.problems.at(-1)?.problem).toMatch(/head/);
  });

  it('keeps one unbroken chain when many transactions append at once', async () => {
    const fresh = await backend.create();
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fresh.storage.transaction(async (tx) => {
            await tx.auditMany([entry(i), entry(i + 100)]);
          }),
        ),
      );
      expect(await verifyAuditChain(fresh.storage)).toMatchObject({ ok: true, entries: 60 });
    } finally {
      await fresh.cleanup();
    }
  });
});
