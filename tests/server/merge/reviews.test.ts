import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeHlc, DEFAULT_MAX_DRIFT_MS, encodeHlc } from '../../../src/core/hlc';
import { ConflictList, RestoreResponse } from '../../../src/core/sync/conflicts';
import type { Mutation, PullChange } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from '../harness';

/** Reviews, the first mergeable table: push, pull, rights, the conflict log and restores, on each backend. */

const START = Date.parse('2026-11-24T08:00:00.000Z');

interface ReviewChange {
  seq: number;
  id: string;
  fields?: Record<string, unknown>;
  /** Milliseconds after the server's start time. */
  at?: number;
  base?: Record<string, string>;
  op?: 'put' | 'delete';
  projectId?: string;
}

function review(clientId: string, c: ReviewChange): Mutation {
  return {
    mutationId: randomUUID(),
    clientId,
    seq: c.seq,
    hlc: encodeHlc({ wall: START + (c.at ?? c.seq), counter: 0, node: clientId }),
    table: 'reviews',
    id: c.id,
    op: c.op ?? 'put',
    fields: { submissionId: c.id, projectId: c.projectId ?? DEMO_PROJECT.id, ...c.fields },
    ...(c.base ? { base: c.base } : {}),
  };
}

const codes = (results: { status: string; code?: string }[]) =>
  results.map((r) => (r.status === 'rejected' ? r.code : r.status));

describe.each(backends)('reviews on $name', (backend) => {
  let server: TestServer;
  let subId: string;
  beforeEach(async () => {
    server = await setupServer(backend);
    const agentClient = newClientId();
    const s = submission(agentClient, 1);
    subId = s.id;
    await server.push('agent', agentClient, [s]);
  });
  afterEach(async () => {
    await server?.close();
  });

  async function reviewsSeenBy(username: string): Promise<PullChange[]> {
    return (await server.pullAll(username)).filter((c) => c.table === 'reviews');
  }

  async function conflicts(username: string, query = '') {
    const res = await server.request(`/api/conflicts${query}`, { token: await server.login(username) });
    return { status: res.status, body: (await res.json()) as ConflictList & { error?: { code: string } } };
  }

  it('stores a focal point’s review and serves it, with its clocks, to the project but not to other agents', async () => {
    const focal = newClientId();
    const { body } = await server.push('focal', focal, [
      review(focal, { seq: 1, id: subId, fields: { status: 'verified', comment: 'Bien' } }),
    ]);
    expect(body.results).toMatchObject([{ status: 'applied', serverSeq: expect.any(Number) as number }]);

    const [change] = await reviewsSeenBy('supervisor');
    expect(change).toMatchObject({
      op: 'put',
      id: subId,
      data: {
        id: subId,
        submissionId: subId,
        projectId: DEMO_PROJECT.id,
        status: 'verified',
        comment: 'Bien',
        fieldComments: {},
        reviewedBy: expect.any(String) as string,
        deleted: false,
      },
    });
    expect(Object.keys(change?.clocks ?? {}).sort()).toEqual(['comment', 'deleted', 'reviewedBy', 'status']);
    // The agent who made the submission sees its review; another agent of the project does not.
    expect(await reviewsSeenBy('agent')).toHaveLength(1);
    expect(await reviewsSeenBy('agent2')).toHaveLength(0);
    expect(await reviewsSeenBy('outsider')).toHaveLength(0);
    const audit = await server.storage.listAudit(100);
    expect(audit.filter((e) => e.action === 'reviews.put' && e.recordId === subId)).toHaveLength(1);
  });

  it('refuses flagging issues without a comment, with a clear message', async () => {
    const focal = newClientId();
    const { body } = await server.push('focal', focal, [
      review(focal, { seq: 1, id: subId, fields: { status: 'has_issues' } }),
      review(focal, { seq: 2, id: subId, fields: { status: 'has_issues', comment: '   ' } }),
      // A comment on a question says what to correct too.
      review(focal, {
        seq: 3,
        id: subId,
        fields: { status: 'has_issues', fieldComments: { age: 'Trop âgé ?' } },
      }),
      // Emptying every comment of a flagged review leaves the agent with nothing to correct.
      review(focal, { seq: 4, id: subId, fields: { fieldComments: { age: '' } } }),
      review(focal, { seq: 5, id: subId, fields: { comment: 'Vérifier l’âge', fieldComments: { age: '' } } }),
    ]);
    expect(codes(body.results)).toEqual(['forbidden', 'forbidden', 'applied', 'forbidden', 'applied']);
    const first = body.results[0];
    expect(first?.status === 'rejected' && first.message).toMatch(/requires a comment/);
  });

  it('refuses what the role or project does not allow, and malformed reviews, keeping them', async () => {
    const focal = newClientId();
    const { body } = await server.push('focal', focal, [
      review(focal, { seq: 1, id: subId, fields: { status: 'approved' } }),
      review(focal, { seq: 2, id: subId, op: 'delete' }),
      review(focal, { seq: 3, id: subId, fields: { status: 'excellent' } }),
      review(focal, { seq: 4, id: subId, fields: { reviewedBy: 'someone' } }),
      { ...review(focal, { seq: 5, id: subId }), id: randomUUID() },
      review(focal, { seq: 6, id: randomUUID() }),
      review(focal, { seq: 7, id: subId, projectId: OTHER_PROJECT }),
      review(focal, { seq: 8, id: subId, fields: { status: 'has_issues', comment: 'Âge à revoir' } }),
      review(focal, { seq: 9, id: subId, projectId: OTHER_PROJECT }),
    ]);
    expect(codes(body.results)).toEqual([
      'forbidden',
      'forbidden',
      'validation',
      'validation',
      'validation',
      'validation',
      'forbidden',
      'applied',
      // Once the review exists, its project can never change.
      'immutable',
    ]);
    expect(await server.storage.listRejected(focal)).toHaveLength(8);
    const agent = newClientId();
    const byAgent = await server.push('agent', agent, [
      review(agent, { seq: 1, id: subId, fields: { comment: 'moi' } }),
    ]);
    expect(codes(byAgent.body.results)).toEqual(['forbidden']);
    const supervisor = newClientId();
    const approved = await server.push('supervisor', supervisor, [
      review(supervisor, { seq: 1, id: subId, fields: { status: 'approved' }, at: 100 }),
    ]);
    expect(codes(approved.body.results)).toEqual(['applied']);
  });

  it('merges concurrent edits per field, logs every lost value, and a supervisor restores one', async () => {
    const a = newClientId();
    const b = newClientId();
    const supervisor = newClientId();
    // Two focal point devices and a supervisor, none having seen the others' changes.
    await server.push('focal', a, [
      review(a, {
        seq: 1,
        id: subId,
        at: 10,
        fields: { status: 'verified', fieldComments: { age: 'Âge ?' } },
      }),
    ]);
    const fromB = await server.push('focal', b, [
      review(b, {
        seq: 1,
        id: subId,
        at: 5,
        fields: { status: 'has_issues', fieldComments: { name: 'Nom ?' } },
      }),
    ]);
    // B's status is older: it lost (its comment on another field did not).
    expect(fromB.body.results).toMatchObject([{ status: 'conflict', fields: ['status'] }]);
    const fromSupervisor = await server.push('supervisor', supervisor, [
      review(supervisor, { seq: 1, id: subId, at: 20, fields: { status: 'approved', comment: 'OK' } }),
    ]);
    expect(fromSupervisor.body.results).toMatchObject([{ status: 'applied' }]);

    const [merged] = await reviewsSeenBy('focal');
    expect(merged?.data).toMatchObject({
      status: 'approved',
      comment: 'OK',
      fieldComments: { age: 'Âge ?', name: 'Nom ?' },
    });

    const list = await conflicts('supervisor');
    expect(list.status).toBe(200);
    const lost = ConflictList.parse(list.body).conflicts;
    expect(lost.map((c) => [c.field, c.losing.value, c.winning.value]).sort()).toEqual([
      ['status', 'has_issues', 'verified'],
      ['status', 'verified', 'approved'],
    ]);
    expect(lost.every((c) => c.table === 'reviews' && c.recordId === subId && c.restoredAt === null)).toBe(
      true,
    );
    expect(lost.find((c) => c.losing.value === 'verified')?.losing.byName).toBe('Fatoumata Cissé');
    expect((await conflicts('focal')).status).toBe(403);
    expect((await conflicts('admin', `?projectId=${DEMO_PROJECT.id}`)).body.conflicts).toHaveLength(2);

    // The supervisor decides the focal point was right after all.
    const target = lost.find((c) => c.losing.value === 'verified')!;
    server.clock.now = new Date(START + 60_000);
    const token = await server.login('supervisor');
    const res = await server.request(`/api/conflicts/${target.id}/restore`, { method: 'POST', token });
    expect(res.status).toBe(200);
    const restored = RestoreResponse.parse(await res.json());
    expect(restored.conflict.restoredAt).toBe(server.clock.now.toISOString());

    const [after] = await reviewsSeenBy('focal');
    expect(after?.serverSeq).toBe(restored.serverSeq);
    expect(after?.data).toMatchObject({ status: 'verified', comment: 'OK' });
    expect(decodeHlc(after?.clocks?.status ?? '').node).toBe('server');

    // The restore is audited, and the value it displaced is itself in the log.
    const audit = await server.storage.listAudit(100);
    expect(audit.some((e) => e.action === 'conflict.restore' && e.recordId === subId)).toBe(true);
    const open = ConflictList.parse((await conflicts('supervisor')).body).conflicts;
    expect(open.map((c) => [c.field, c.losing.value, c.winning.value]).sort()).toEqual([
      ['status', 'approved', 'verified'],
      ['status', 'has_issues', 'verified'],
    ]);
    const all = ConflictList.parse((await conflicts('supervisor', '?state=all')).body).conflicts;
    expect(all).toHaveLength(3);

    const again = await server.request(`/api/conflicts/${target.id}/restore`, { method: 'POST', token });
    expect(again.status).toBe(409);
    const byFocal = await server.request(`/api/conflicts/${target.id}/restore`, {
      method: 'POST',
      token: await server.login('focal'),
    });
    expect(byFocal.status).toBe(403);
    const missing = await server.request(`/api/conflicts/${randomUUID()}/restore`, { method: 'POST', token });
    expect(missing.status).toBe(404);
    const malformed = await server.request(`/api/conflicts/${'x'.repeat(5000)}/restore`, {
      method: 'POST',
      token,
    });
    expect(malformed.status).toBe(404);
  });

  it('does not log a value its writer had seen, and a replayed batch changes nothing', async () => {
    const a = newClientId();
    const first = await server.push('focal', a, [
      review(a, { seq: 1, id: subId, fields: { status: 'verified' } }),
    ]);
    const [seen] = await reviewsSeenBy('supervisor');
    const supervisor = newClientId();
    const batch = [
      review(supervisor, { seq: 1, id: subId, at: 50, fields: { status: 'approved' }, base: seen?.clocks }),
    ];
    const once = await server.push('supervisor', supervisor, batch);
    const twice = await server.push('supervisor', supervisor, batch);
    expect(codes(first.body.results)).toEqual(['applied']);
    expect(codes(once.body.results)).toEqual(['applied']);
    expect(codes(twice.body.results)).toEqual(['duplicate']);
    expect((await conflicts('supervisor', '?state=all')).body.conflicts).toEqual([]);
  });

  it('clamps a clock far ahead of the server, keeping one device’s changes in order', async () => {
    const a = newClientId();
    const year = 365 * 24 * 3600 * 1000;
    await server.push('focal', a, [
      review(a, { seq: 1, id: subId, at: year, fields: { comment: 'first' } }),
      review(a, { seq: 2, id: subId, at: year + 1, fields: { comment: 'second' } }),
    ]);
    const [change] = await reviewsSeenBy('focal');
    expect(change?.data).toMatchObject({ comment: 'second' });
    expect(decodeHlc(change?.clocks?.comment ?? '').wall).toBeLessThanOrEqual(START + DEFAULT_MAX_DRIFT_MS);
    // A correct device a minute later wins over the far-ahead one.
    const b = newClientId();
    server.clock.now = new Date(START + DEFAULT_MAX_DRIFT_MS + 60_000);
    const later = await server.push('focal', b, [
      review(b, { seq: 1, id: subId, at: DEFAULT_MAX_DRIFT_MS + 60_000, fields: { comment: 'third' } }),
    ]);
    expect(codes(later.body.results)).toEqual(['applied']);
  });

  it('keeps a withdrawn review as a tombstone with its fields, and a later edit brings it back', async () => {
    const focal = newClientId();
    await server.push('focal', focal, [review(focal, { seq: 1, id: subId, fields: { comment: 'Vu' } })]);
    const supervisor = newClientId();
    const [seen] = await reviewsSeenBy('supervisor');
    await server.push('supervisor', supervisor, [
      review(supervisor, { seq: 1, id: subId, at: 10, op: 'delete', base: seen?.clocks }),
    ]);
    const [tombstone] = await reviewsSeenBy('focal');
    expect(tombstone).toMatchObject({ op: 'delete', data: { deleted: true, comment: 'Vu' } });
    expect(tombstone?.clocks?.deleted).toBeDefined();
    // An edit made without having seen the withdrawal wins by its clock, and the withdrawal is logged.
    await server.push('focal', focal, [
      review(focal, { seq: 2, id: subId, at: 20, fields: { comment: 'Revu' }, base: seen?.clocks }),
    ]);
    const [back] = await reviewsSeenBy('focal');
    expect(back).toMatchObject({ op: 'put', data: { deleted: false, comment: 'Revu' } });
    const lost = (await conflicts('supervisor')).body.conflicts;
    expect(lost.map((c) => [c.field, c.losing.value])).toEqual([['deleted', true]]);
  });
});
