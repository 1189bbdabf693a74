import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/server/audit/verify';
import { backends } from '../backends';
import { setupServer, type TestServer } from '../harness';
import { erasableChain, eraseAs, MARKER, rawDb, whereMarkerIs, type ErasableChain } from './fixture';

/**
 * Erasing a submission at a person's request (src/server/erasure), on both databases: its whole chain,
 * photos no other submission names, review, history, conflicts and the content of refused changes and audit
 * details go; a tombstone (ids) stays, devices pull it, and the audit log says who erased what, when, why.
 */
describe.each(backends)('erasing a submission on $name', (backend) => {
  let server: TestServer;
  let chain: ErasableChain;
  beforeEach(async () => {
    server = await setupServer(backend);
    chain = await erasableChain(server);
  });
  afterEach(async () => {
    await server?.close();
  });

  it('removes every version and what goes with it, keeps a shared photo, and leaves no content', async () => {
    const { s1, s2, other, own, shared, eventId } = chain;
    expect(await whereMarkerIs(server.storage)).not.toEqual([]);
    const cursor = (await server.pull('focal', 0, 1000)).cursor;

    // Named by its correction: the chain goes whole, whichever version is named.
    const erased = await eraseAs(server, 'supervisor', s2, { reason: '  DSR-2026-14  ' });
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({
      submissionId: s2,
      versions: [s1, s2].sort(),
      removed: { reviews: 1, reviewEvents: 1, conflicts: 1, files: 1, refusedChanges: 1 },
      keptFiles: [{ sha256: shared.ref.sha256, submissions: [other], others: 0 }],
    });

    expect(await whereMarkerIs(server.storage)).toEqual([]);
    const db = rawDb(server.storage);
    const rows = await db.selectFrom('entities').selectAll().where('id', 'in', [s1, s2, eventId]).execute();
    expect(rows.map((r) => [r.tbl, r.id, r.deleted, r.data]).sort()).toEqual(
      [
        ['submissions', s1, 1, '{}'],
        ['submissions', s2, 1, '{}'],
      ].sort(),
    );
    expect(await server.storage.getSubmissionVersions([s1, s2])).toEqual([]);
    expect(await db.selectFrom('conflicts').selectAll().execute()).toEqual([]);
    // The photo only the chain named is gone, bytes and uploads; the shared one stays for the other submission.
    expect(await server.storage.media.getBlob(own.ref.sha256)).toBeUndefined();
    for (const table of ['media_chunks', 'media_uploads', 'media_refs'] as const)
      expect(
        await db.selectFrom(table).select('sha256').where('sha256', '=', own.ref.sha256).execute(),
      ).toEqual([]);
    expect(await server.storage.media.getBlob(shared.ref.sha256)).toBeDefined();
    expect(await server.storage.media.refsOf(shared.ref.sha256)).toEqual([
      { sha256: shared.ref.sha256, submissionId: other, grants: true },
    ]);

    // The refused change about it is kept as a summary: a replay is still answered, nothing it said.
    const refused = await db.selectFrom('rejected_mutations').selectAll().execute();
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!.payload)).toMatchObject({ omitted: 'erased', table: 'reviews', id: s1 });

    // The tombstone of the audit trail: who, when, why, which ids; the chain still verifies.
    const [entry] = await server.storage.listAudit(1, { action: 'submission.erase' });
    const supervisor = await server.storage.userByUsername('supervisor');
    expect(entry).toMatchObject({
      userId: supervisor?.id,
      tbl: 'submissions',
      recordId: s2,
      at: server.clock.now.toISOString(),
      details: { reason: 'DSR-2026-14', versions: [s1, s2].sort(), formId: 'site_photo' },
    });
    expect(entry?.detailsJson).not.toContain(MARKER);
    const verified = await verifyAuditChain(server.storage);
    expect(verified).toMatchObject({ ok: true, problems: [] });
    expect(verified.redacted).toBeGreaterThanOrEqual(3);

    // Devices pull the erasure, content-free, even past their cursor: the reviewer, and the agent who
    // started the chain (also for the version the focal point made).
    const focalPull = await server.pull('focal', cursor, 1000);
    expect(focalPull.changes.map((c) => [c.table, c.id, c.op, c.data]).sort()).toEqual(
      [
        ['submissions', s1, 'delete', null],
        ['submissions', s2, 'delete', null],
      ].sort(),
    );
    const agentPull = (await server.pullAll('agent')).filter((c) => c.op === 'delete');
    expect(agentPull.map((c) => c.id).sort()).toEqual([s1, s2].sort());
    expect((await server.pullAll('agent2')).some((c) => c.id === s1 || c.id === s2)).toBe(false);
    // Nor does any export, list or download reach it.
    const media = await server.request(`/api/media/${own.ref.sha256}`, {
      token: await server.login('focal'),
    });
    expect(media.status).toBe(403);
  });

  it('is for admins and the supervisors of the project, with a reason', async () => {
    const { s1 } = chain;
    expect((await eraseAs(server, 'agent', s1)).status).toBe(403);
    expect((await eraseAs(server, 'focal', s1)).status).toBe(403);
    expect(await eraseAs(server, 'supervisor', s1, {})).toMatchObject({
      status: 400,
      json: { error: { code: 'validation' } },
    });
    expect((await eraseAs(server, 'supervisor', s1, { reason: ' ' })).status).toBe(400);
    expect((await eraseAs(server, 'supervisor', 'no-such-submission')).status).toBe(404);
    const signedOut = await server.request(`/api/submissions/${s1}/erase`, { json: { reason: 'DSR-1' } });
    expect(signedOut.status).toBe(401);
    // Refused attempts change nothing.
    expect(await whereMarkerIs(server.storage)).not.toEqual([]);

    expect((await eraseAs(server, 'admin', s1)).status).toBe(200);
    expect(await eraseAs(server, 'admin', s1)).toMatchObject({
      status: 409,
      json: { error: { code: 'conflict', message: 'This submission was erased already' } },
    });
  });
});
