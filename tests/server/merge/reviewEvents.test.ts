import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { ConflictList } from '../../../src/core/sync/conflicts';
import type { Mutation, PullChange } from '../../../src/core/sync/protocol';
import { putServerRecord } from '../../../src/server/catalog';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from '../harness';

/**
 * The review history (reviewEvents): one write-once record per review action of a submission or an indicator
 * value. Rights as for the review, immutability (a replay is a duplicate), the parent check, pull scoping
 * (agents: events of their own submissions only) and the conflict log, on each backend.
 */

const START = Date.parse('2026-11-24T08:00:00.000Z');
const P = DEMO_PROJECT.id;
const AT = '2026-11-24T09:30:00.000Z';

interface Change {
  table?: string;
  id?: string;
  fields: Record<string, unknown>;
  op?: 'put' | 'delete';
}

/** Consecutive mutations from seq `first` (events by default, each with a fresh id). */
function mutations(clientId: string, changes: Change[], first = 1): Mutation[] {
  return changes.map((c, i) => ({
    mutationId: randomUUID(),
    clientId,
    seq: first + i,
    hlc: encodeHlc({ wall: START + first + i, counter: 0, node: clientId }),
    table: c.table ?? 'reviewEvents',
    id: c.id ?? randomUUID(),
    op: c.op ?? 'put',
    fields: c.fields,
  }));
}

const onSubmission = (id: string, fields: Record<string, unknown> = {}) => ({
  targetTable: 'submissions',
  targetId: id,
  projectId: P,
  at: AT,
  ...fields,
});

const codes = (results: { status: string; code?: string }[]) =>
  results.map((r) => (r.status === 'rejected' ? r.code : r.status));

const INDICATOR = {
  id: 'ind-1',
  projectId: P,
  code: 'HH-1',
  title: { fr: 'Ménages enquêtés' },
  unit: '',
  measure: 'unit',
  direction: 'increase',
  disaggregations: [],
  baseline: null,
  targets: [],
  computation: null,
  deleted: false,
};
const VALUE = { indicatorId: 'ind-1', projectId: P, periodStart: '2026-01-01', periodEnd: '2026-02-28' };

describe.each(backends)('review events on $name', (backend) => {
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

  const eventsSeenBy = async (username: string): Promise<PullChange[]> =>
    (await server.pullAll(username)).filter((c) => c.table === 'reviewEvents');

  it('keeps each review action as an event stamped with its writer, served to the project', async () => {
    const focal = newClientId();
    const [verified, flagged] = mutations(focal, [
      { fields: onSubmission(subId, { status: 'verified', comment: 'Bien' }) },
      { fields: onSubmission(subId, { fieldComments: { age: 'Âge douteux' } }) },
    ]);
    expect(codes((await server.push('focal', focal, [verified!, flagged!])).body.results)).toEqual([
      'applied',
      'applied',
    ]);
    const sup = newClientId();
    const approved = mutations(sup, [{ fields: onSubmission(subId, { status: 'approved' }) }]);
    expect(codes((await server.push('supervisor', sup, approved)).body.results)).toEqual(['applied']);

    const focalUser = await server.storage.userByUsername('focal');
    const events = await eventsSeenBy('supervisor');
    expect(events.map((e) => e.id)).toEqual([verified!.id, flagged!.id, approved[0]!.id]);
    expect(events[0]).toMatchObject({
      op: 'put',
      data: {
        id: verified!.id,
        targetTable: 'submissions',
        targetId: subId,
        projectId: P,
        status: 'verified',
        comment: 'Bien',
        fieldComments: {},
        at: AT,
        by: focalUser?.id,
        byName: focalUser?.displayName,
        deleted: false,
      },
    });
    // A field comment only: the status and comment stay null ("left as they were").
    expect(events[1]?.data).toMatchObject({
      status: null,
      comment: null,
      fieldComments: { age: 'Âge douteux' },
    });
    expect(events[2]?.data).toMatchObject({ status: 'approved', byName: 'Ibrahim Touré' });
  });

  it('gives events the rights of the review: focal points verify or flag, supervisors approve or reject', async () => {
    const focal = newClientId();
    const byFocal = await server.push(
      'focal',
      focal,
      mutations(focal, [
        { fields: onSubmission(subId, { status: 'approved' }) },
        { fields: onSubmission(subId, { status: 'rejected' }) },
        // The writer is the server's to stamp.
        { fields: onSubmission(subId, { status: 'verified', by: 'someone-else' }) },
        { fields: onSubmission(subId, { status: 'has_issues', comment: 'Âge ?' }) },
      ]),
    );
    expect(codes(byFocal.body.results)).toEqual(['forbidden', 'forbidden', 'validation', 'applied']);
    expect(byFocal.body.results[0]).toMatchObject({
      message: 'Only supervisors and admins approve or reject',
    });

    const agent = newClientId();
    const byAgent = await server.push('agent', agent, mutations(agent, [{ fields: onSubmission(subId) }]));
    expect(byAgent.body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      message: 'Only focal points, supervisors and admins review',
    });
    // An event claiming the submission is in another project (an admin may write there).
    const outsider = newClientId();
    const other = await server.push(
      'admin',
      outsider,
      mutations(outsider, [{ fields: { ...onSubmission(subId), projectId: OTHER_PROJECT } }]),
    );
    expect(other.body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'validation',
      message: `Submission ${subId} does not exist in project ${OTHER_PROJECT}`,
    });
  });

  it('never changes an event once written: a replay is a duplicate, anything else is refused', async () => {
    const focal = newClientId();
    const [first] = mutations(focal, [
      { fields: onSubmission(subId, { status: 'verified', comment: 'Bien' }) },
    ]);
    expect(codes((await server.push('focal', focal, [first!])).body.results)).toEqual(['applied']);
    const seen = (await eventsSeenBy('focal'))[0];

    // The same write again under new seqs (a device that lost the answer, an imported file): harmless.
    const again = mutations(focal, [{ id: first!.id, fields: { ...first!.fields } }], 2);
    expect(codes((await server.push('focal', focal, again)).body.results)).toEqual(['duplicate']);
    const changed = mutations(
      focal,
      [
        { id: first!.id, fields: onSubmission(subId, { status: 'has_issues', comment: 'Bien' }) },
        { id: first!.id, fields: onSubmission(subId, { status: 'verified' }) },
        {
          id: first!.id,
          fields: { targetTable: 'submissions', targetId: subId, projectId: P },
          op: 'delete',
        },
      ],
      3,
    );
    const refused = await server.push('focal', focal, changed);
    expect(codes(refused.body.results)).toEqual(['immutable', 'immutable', 'immutable']);
    expect(refused.body.results[0]).toMatchObject({
      message: 'A reviewEvents record is written once and never changes',
    });
    // Another reviewer writing the very same values is not a replay of theirs.
    const focal2 = newClientId();
    const copy = mutations(focal2, [{ id: first!.id, fields: { ...first!.fields } }]);
    expect(codes((await server.push('supervisor', focal2, copy)).body.results)).toEqual(['immutable']);

    // Nothing moved: same record, same server_seq, and never a conflict.
    expect(await eventsSeenBy('focal')).toEqual([seen]);
    const res = await server.request('/api/conflicts?state=all', { token: await server.login('supervisor') });
    expect(ConflictList.parse(await res.json()).conflicts).toEqual([]);
  });

  it('logs no conflict when two reviewers act on one submission offline: both events are kept', async () => {
    const a = newClientId();
    const b = newClientId();
    const fromA = mutations(a, [{ fields: onSubmission(subId, { status: 'verified', comment: 'Vu' }) }]);
    const fromB = mutations(b, [{ fields: onSubmission(subId, { status: 'has_issues', comment: 'Âge ?' }) }]);
    expect(codes((await server.push('focal', a, fromA)).body.results)).toEqual(['applied']);
    expect(codes((await server.push('supervisor', b, fromB)).body.results)).toEqual(['applied']);
    expect((await eventsSeenBy('admin')).map((e) => e.data?.comment)).toEqual(['Vu', 'Âge ?']);
    const res = await server.request('/api/conflicts?state=all', { token: await server.login('supervisor') });
    expect(ConflictList.parse(await res.json()).conflicts).toEqual([]);
  });

  it('keeps indicator values’ events too; a value pushed with its event in one batch is accepted', async () => {
    await server.storage.transaction((tx) =>
      putServerRecord(tx, 'indicators', INDICATOR, null, server.clock.now),
    );
    const focal = newClientId();
    const onValue = (id: string, projectId = P) => ({
      targetTable: 'indicatorValues',
      targetId: id,
      projectId,
      at: AT,
      status: 'verified',
    });
    const { body } = await server.push(
      'focal',
      focal,
      mutations(focal, [
        { table: 'indicatorValues', id: 'v-1', fields: { ...VALUE, value: 40, reviewStatus: 'verified' } },
        { fields: onValue('v-1') },
        // No such value, and a value claimed in another project.
        { fields: onValue('v-missing') },
        { fields: onValue('v-1', OTHER_PROJECT) },
      ]),
    );
    expect(codes(body.results)).toEqual(['applied', 'applied', 'validation', 'forbidden']);
    expect(body.results[2]).toMatchObject({
      message: `Indicator value v-missing does not exist in project ${P}`,
    });
    expect((await eventsSeenBy('supervisor')).map((e) => e.data?.targetId)).toEqual(['v-1']);
  });

  it('scopes pulls: agents get the events of their own submissions only, outsiders none', async () => {
    await server.storage.transaction((tx) =>
      putServerRecord(tx, 'indicators', INDICATOR, null, server.clock.now),
    );
    const other = newClientId();
    const theirs = submission(other, 1);
    await server.push('agent2', other, [theirs]);
    const focal = newClientId();
    const pushed = mutations(focal, [
      { fields: onSubmission(subId, { status: 'verified' }) },
      { fields: onSubmission(theirs.id, { status: 'has_issues', comment: 'Photo floue' }) },
      { table: 'indicatorValues', id: 'v-1', fields: { ...VALUE, value: 40 } },
      { fields: { targetTable: 'indicatorValues', targetId: 'v-1', projectId: P, at: AT, comment: 'Vu' } },
    ]);
    expect(codes((await server.push('focal', focal, pushed)).body.results)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const ids = async (username: string) => (await eventsSeenBy(username)).map((e) => e.id).sort();
    const all = [pushed[0]!.id, pushed[1]!.id, pushed[3]!.id].sort();
    expect(await ids('focal')).toEqual(all);
    expect(await ids('supervisor')).toEqual(all);
    // Agents: their own submission's events; not a colleague's, not an indicator value's.
    expect(await ids('agent')).toEqual([pushed[0]!.id]);
    expect(await ids('agent2')).toEqual([pushed[1]!.id]);
    expect(await ids('outsider')).toEqual([]);
    // Agents still pull the value itself (its indicator is its parent, not a submission).
    const values = (await server.pullAll('agent')).filter((c) => c.table === 'indicatorValues');
    expect(values.map((c) => c.id)).toEqual(['v-1']);
  });
});
