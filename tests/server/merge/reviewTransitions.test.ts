import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import type { Mutation } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

/**
 * Hole 4 of issue 11: a focal point could undo a supervisor's decision. Review status now follows the state
 * machine of src/core/records/reviewTransitions.ts, checked against the status stored when a change
 * arrives, on reviews, on indicator values' review and on the history events of both.
 */

const START = Date.parse('2026-11-24T08:00:00.000Z');
const P = DEMO_PROJECT.id;
const AT = '2026-11-24T09:30:00.000Z';

interface Change {
  table: string;
  id: string;
  fields?: Record<string, unknown>;
  op?: 'put' | 'delete';
  /** Milliseconds after START (the device's clock); later than every earlier change by default. */
  at?: number;
}

type Result = { status: string; code?: string; message?: string };
const codes = (results: Result[]) => results.map((r) => (r.status === 'rejected' ? r.code : r.status));

const VALUE = { indicatorId: 'ind-1', projectId: P, periodStart: '2026-01-01', periodEnd: '2026-02-28' };

describe.each(backends)('review state machine on $name', (backend) => {
  let server: TestServer;
  let subId: string;
  let tick = 1000;
  const seqs = new Map<string, { clientId: string; next: number }>();

  async function push(username: string, changes: Change[]): Promise<Result[]> {
    const device = seqs.get(username) ?? { clientId: newClientId(), next: 1 };
    seqs.set(username, device);
    const batch: Mutation[] = changes.map((c, i) => ({
      mutationId: randomUUID(),
      clientId: device.clientId,
      seq: device.next + i,
      hlc: encodeHlc({ wall: START + (c.at ?? ++tick), counter: 0, node: device.clientId }),
      table: c.table,
      id: c.id,
      op: c.op ?? 'put',
      fields: c.fields ?? {},
    }));
    device.next += batch.length;
    const { status, body } = await server.push(username, device.clientId, batch, 4);
    expect(status).toBe(200);
    return body.results;
  }

  const review = (fields: Record<string, unknown>, extra: Partial<Change> = {}): Change => ({
    table: 'reviews',
    id: subId,
    fields: { submissionId: subId, projectId: P, ...fields },
    ...extra,
  });
  const event = (fields: Record<string, unknown>): Change => ({
    table: 'reviewEvents',
    id: randomUUID(),
    fields: { targetTable: 'submissions', targetId: subId, projectId: P, at: AT, ...fields },
  });
  const value = (fields: Record<string, unknown>, extra: Partial<Change> = {}): Change => ({
    table: 'indicatorValues',
    id: 'v-1',
    fields: { ...VALUE, ...fields },
    ...extra,
  });
  const valueEvent = (fields: Record<string, unknown>): Change => ({
    table: 'reviewEvents',
    id: randomUUID(),
    fields: { targetTable: 'indicatorValues', targetId: 'v-1', projectId: P, at: AT, ...fields },
  });
  async function stored(table: string, id: string) {
    const changes = (await server.pullAll('admin')).filter((c) => c.table === table && c.id === id);
    return changes.at(-1)?.data;
  }

  beforeEach(async () => {
    seqs.clear();
    server = await setupServer(backend);
    const agent = newClientId();
    const s = submission(agent, 1);
    subId = s.id;
    await server.push('agent', agent, [s]);
    const setup = await push('supervisor', [
      {
        table: 'indicators',
        id: 'ind-1',
        fields: { projectId: P, code: 'HH-1', title: { fr: 'Ménages' } },
      },
    ]);
    expect(codes(setup)).toEqual(['applied']);
  });
  afterEach(async () => {
    await server?.close();
  });

  it('refuses a focal point who overwrites, clears or recomments an approved review; question comments stay open', async () => {
    expect(codes(await push('focal', [review({ status: 'verified' })]))).toEqual(['applied']);
    expect(codes(await push('supervisor', [review({ status: 'approved', comment: 'Conforme' })]))).toEqual([
      'applied',
    ]);
    const results = await push('focal', [
      review({ status: 'has_issues' }),
      review({ status: null }),
      review({ comment: 'Pas d’accord' }),
      review({ status: 'approved' }),
      review({ fieldComments: { age: 'Âge à revoir' } }),
    ]);
    expect(codes(results)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'applied']);
    expect(results[0]?.message).toBe(
      'Only supervisors and admins reopen or change a review that is approved',
    );
    expect(results[2]?.message).toBe(
      'Only supervisors and admins change the comment of a review that is approved',
    );
    expect(await stored('reviews', subId)).toMatchObject({
      status: 'approved',
      comment: 'Conforme',
      fieldComments: { age: 'Âge à revoir' },
    });
  });

  it('refuses a focal point’s offline “verified” that arrives after the approval, whatever its clock', async () => {
    // The focal point verified offline at 500, before the supervisor approved (at 2000), and syncs after.
    expect(codes(await push('supervisor', [review({ status: 'approved' }, { at: 2000 })]))).toEqual([
      'applied',
    ]);
    const late = await push('focal', [
      review({ status: 'verified' }, { at: 500 }),
      event({ status: 'verified' }),
    ]);
    expect(codes(late)).toEqual(['forbidden', 'forbidden']);
    expect(await stored('reviews', subId)).toMatchObject({ status: 'approved' });
  });

  it('lets a supervisor reopen a decision or change it, after which focal points review again', async () => {
    await push('supervisor', [review({ status: 'rejected', comment: 'Doublon' })]);
    expect(codes(await push('supervisor', [review({ status: 'approved' })]))).toEqual(['applied']);
    // Reopening: back to "not reviewed", with the event the device writes with it.
    expect(
      codes(await push('supervisor', [review({ status: null, comment: '' }), event({ comment: '' })])),
    ).toEqual(['applied', 'applied']);
    expect(
      codes(
        await push('focal', [
          review({ status: 'has_issues', comment: 'Âge' }),
          event({ status: 'has_issues', comment: 'Âge' }),
        ]),
      ),
    ).toEqual(['applied', 'applied']);
    expect(await stored('reviews', subId)).toMatchObject({ status: 'has_issues', comment: 'Âge' });
  });

  it('refuses a focal point who brings back a withdrawn approved review, or withdraws one', async () => {
    await push('supervisor', [review({ status: 'approved' }), review({}, { op: 'delete' })]);
    expect(codes(await push('focal', [review({ comment: 'Revu' })]))).toEqual(['forbidden']);
    // Setting a status of their own on it is a new review: allowed.
    expect(codes(await push('focal', [review({ status: 'verified' })]))).toEqual(['applied']);
    expect(codes(await push('focal', [review({}, { op: 'delete' })]))).toEqual(['forbidden']);
  });

  it('gives review events the same rule, against the review as the batch leaves it', async () => {
    await push('supervisor', [review({ status: 'approved' }), event({ status: 'approved' })]);
    const results = await push('focal', [
      event({ status: 'verified' }),
      event({ comment: 'Je conteste' }),
      event({ fieldComments: { age: 'Âge ?' } }),
    ]);
    expect(codes(results)).toEqual(['forbidden', 'forbidden', 'applied']);
    const events = (await server.pullAll('supervisor')).filter((c) => c.table === 'reviewEvents');
    expect(events).toHaveLength(2);
  });

  it('refuses a focal point who overwrites, clears or edits an approved indicator value; a rejected one is corrected', async () => {
    expect(codes(await push('focal', [value({ value: 40, reviewStatus: 'verified' })]))).toEqual(['applied']);
    expect(
      codes(
        await push('supervisor', [value({ reviewStatus: 'approved' }), valueEvent({ status: 'approved' })]),
      ),
    ).toEqual(['applied', 'applied']);
    const results = await push('focal', [
      value({ reviewStatus: 'has_issues', reviewComment: 'Faux' }),
      value({ reviewStatus: null }),
      value({ reviewComment: 'Je conteste' }),
      value({ value: 41 }),
      value({}, { op: 'delete' }),
      valueEvent({ status: 'verified' }),
    ]);
    expect(codes(results)).toEqual([
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
    ]);
    expect(results[3]?.message).toBe(
      'Only supervisors and admins change or delete an approved indicator value (or reopen it first)',
    );
    expect(await stored('indicatorValues', 'v-1')).toMatchObject({ value: 40, reviewStatus: 'approved' });

    // Rejected: the focal point corrects the figure, the status stays the supervisor's.
    await push('supervisor', [value({ reviewStatus: 'rejected', reviewComment: 'Chiffre du T4' })]);
    expect(
      codes(
        await push('focal', [value({ value: 38, comment: 'Corrigé' }), value({ reviewStatus: 'verified' })]),
      ),
    ).toEqual(['applied', 'forbidden']);
    // Reopened by the supervisor, it is the focal point's to review again.
    expect(codes(await push('supervisor', [value({ reviewStatus: null })]))).toEqual(['applied']);
    expect(codes(await push('focal', [value({ reviewStatus: 'verified' })]))).toEqual(['applied']);
    expect(await stored('indicatorValues', 'v-1')).toMatchObject({ value: 38, reviewStatus: 'verified' });
  });
});
