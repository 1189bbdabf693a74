import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import type { Mutation, PushResponse, WireMutation } from '../../../src/core/sync/protocol';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../../../src/core/sync/unsyncedExport';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

/**
 * Hole 8 of issue 11: one change whose JSON nests 10,000 deep failed its whole batch with a 500, which the
 * device then retried forever. The body is built as text: JSON.stringify itself overflows on such a value.
 */
const DEPTH = 10_000;
const PLACEHOLDER = '__deep__';
const deepText = `${'{"a":'.repeat(DEPTH)}"bottom"${'}'.repeat(DEPTH)}`;

const wire = ({ mutationId: _m, clientId: _c, ...m }: Mutation): WireMutation => m;

describe.each(backends)('hostile push: JSON nested 10,000 deep ($name)', (backend) => {
  let server: TestServer;
  let reviewed: string;
  beforeAll(async () => {
    server = await setupServer(backend);
    const agent = newClientId();
    const s = submission(agent, 1);
    reviewed = s.id;
    await server.push('agent', agent, [s]);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Pushes `mutations` with the placeholder string replaced by the deep JSON. */
  async function pushDeep(username: string, clientId: string, mutations: Mutation[]) {
    const text = JSON.stringify({ protocol: 3, clientId, mutations: mutations.map(wire) }).replace(
      JSON.stringify(PLACEHOLDER),
      deepText,
    );
    const res = await server.request('/api/sync/push', {
      token: await server.login(username),
      body: text,
      headers: { 'content-type': 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as PushResponse };
  }

  async function expectDeepRejected(username: string, clientId: string, batch: Mutation[]) {
    const first = await pushDeep(username, clientId, batch);
    expect(first.status).toBe(200);
    expect(first.body.lastSeq).toBe(3);
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(first.body.results[1]).toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/nest/i) as string,
    });

    // Resent after a lost answer: the same refusal, from what the server stored of it.
    const again = await pushDeep(username, clientId, batch);
    expect(again.status).toBe(200);
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
    expect(again.body.results[1]).toEqual(first.body.results[1]);

    // What the server keeps of it can be read back and written out again.
    const stored = await server.storage.listRejected(clientId);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored[0]!.payload).length).toBeLessThan(2000);
  }

  it('in a submission answer: that change is rejected as validation, the other two apply', async () => {
    const clientId = newClientId();
    const batch = [
      submission(clientId, 1),
      submission(clientId, 2, { answers: { respondent_name: PLACEHOLDER } }),
      submission(clientId, 3),
    ];
    await expectDeepRejected('agent', clientId, batch);
    const ids = (await server.pullAll('admin')).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([batch[0]!.id, batch[2]!.id]));
    expect(ids).not.toContain(batch[1]!.id);
  });

  it('in a mergeable record (a review comment) and in an unknown field alike', async () => {
    const clientId = newClientId();
    const review = (seq: number, fields: Record<string, unknown>): Mutation => ({
      mutationId: randomUUID(),
      clientId,
      seq,
      hlc: encodeHlc({ wall: Date.parse('2026-11-24T08:00:00.000Z') + seq, counter: 0, node: clientId }),
      table: 'reviews',
      id: reviewed,
      op: 'put',
      fields: { submissionId: reviewed, projectId: DEMO_PROJECT.id, ...fields },
    });
    await expectDeepRejected('focal', clientId, [
      review(1, { comment: 'Vu' }),
      review(2, { fieldComments: { age: PLACEHOLDER } }),
      review(3, { status: 'verified' }),
    ]);
    const other = newClientId();
    await expectDeepRejected('agent', other, [
      submission(other, 1),
      submission(other, 2, { fields: { extra: PLACEHOLDER } as never }),
      submission(other, 3),
    ]);
  });

  it('in an export file: the import is refused with 400, nothing applied', async () => {
    const agent = await server.storage.userByUsername('agent');
    const clientId = newClientId();
    const mutations = [submission(clientId, 1), submission(clientId, 2, { answers: { note: PLACEHOLDER } })];
    const file = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: '2026-11-24T09:00:00.000Z',
      userId: agent!.id,
      username: 'agent',
      clientId,
      mutations: mutations.map((m) => ({ ...m, state: 'pending' })),
      submissions: [],
      drafts: [],
      media: [],
      checksum: `sha256:${'0'.repeat(64)}`,
    };
    const res = await server.request('/api/sync/import', {
      token: await server.login('supervisor'),
      body: JSON.stringify(file).replace(JSON.stringify(PLACEHOLDER), deepText),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/nest/i) as string } });
    expect((await server.pullAll('admin')).map((c) => c.id)).not.toContain(mutations[0]!.id);
  });
});
