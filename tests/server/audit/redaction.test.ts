import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactedBy, redactionMarker } from '../../../src/server/audit/redaction';
import { verifyAuditChain } from '../../../src/server/audit/verify';
import { backends } from '../backends';
import { erasableChain, eraseAs, rawDb } from '../erasure/fixture';
import { setupServer, type TestServer } from '../harness';

/**
 * An erasure redacts the details of the audit entries about what it erased (src/server/audit/redaction.ts):
 * `audit verify` accepts exactly those, vouched for by the erasure's own entry, and still names any other
 * change to them, or a redaction no erasure records.
 */
describe.each(backends)('redacted audit entries on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
    const { s1 } = await erasableChain(server);
    expect((await eraseAs(server, 'supervisor', s1)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  const redacted = async () => {
    const all = await server.storage.auditChain(0, 100_000);
    return all.filter((e) => redactedBy(e.detailsJson) !== null);
  };

  it('verifies, each redacted entry vouched for by the erasure', async () => {
    const entries = await redacted();
    expect(entries.map((e) => e.action).sort()).toEqual(['reviewEvents.put', 'reviews.put', 'reviews.put']);
    expect(await verifyAuditChain(server.storage)).toMatchObject({ ok: true, redacted: 3 });
  });

  it('names a redacted entry whose other columns were changed, and a redaction no erasure made', async () => {
    const db = rawDb(server.storage);
    const [first] = await redacted();
    await db
      .updateTable('audit_log')
      .set({ user_id: 'someone-else' })
      .where('seq', '=', first!.seq)
      .execute();
    expect((await verifyAuditChain(server.storage)).problems).toEqual([
      { seq: first!.seq, problem: 'had its details removed, and no erasure records doing it' },
    ]);
    await db.updateTable('audit_log').set({ user_id: first!.userId }).where('seq', '=', first!.seq).execute();
    expect((await verifyAuditChain(server.storage)).ok).toBe(true);

    // Someone with database access empties an entry's details, posing as the same erasure.
    const [login] = await server.storage.listAudit(1, { action: 'auth.login' });
    const erasure = redactedBy(first!.detailsJson)!;
    await db
      .updateTable('audit_log')
      .set({ details: redactionMarker(erasure) })
      .where('seq', '=', login!.seq)
      .execute();
    expect((await verifyAuditChain(server.storage)).problems).toEqual([
      { seq: login!.seq, problem: 'had its details removed, and no erasure records doing it' },
    ]);
  });
});
