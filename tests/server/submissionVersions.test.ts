import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../src/core/hlc';
import { resolveVersions } from '../../src/core/records/submissionVersions';
import type { Mutation, PullResponse } from '../../src/core/sync/protocol';
import { DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { backends } from './backends';
import {
  newClientId,
  OTHER_PROJECT,
  publishDefinition,
  setupServer,
  submission,
  type TestServer,
} from './harness';

const START = Date.parse('2026-11-24T08:00:00.000Z');

/** A new version of `replaces`, with its own answers and hlc (seconds after the test's start). */
function version(clientId: string, seq: number, replaces: string, size: number, second = seq): Mutation {
  const m = submission(clientId, seq, { fields: { replaces }, answers: { household_size: size } });
  return { ...m, hlc: encodeHlc({ wall: START + second * 1000, counter: 0, node: clientId }) };
}

describe.each(backends)('submission versions on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** One submission pushed by `username` on a new device; returns its id. */
  async function original(username = 'agent'): Promise<string> {
    const clientId = newClientId();
    const m = submission(clientId, 1);
    const { body } = await server.push(username, clientId, [m]);
    expect(body.results[0]?.status).toBe('applied');
    return m.id;
  }

  /** Pushes one mutation from a new device of `username`. */
  async function pushOne(username: string, make: (clientId: string) => Mutation) {
    const clientId = newClientId();
    const m = make(clientId);
    const { body } = await server.push(username, clientId, [m]);
    return { m, result: body.results[0]! };
  }

  const versions = async (ids: string[]) =>
    new Map(
      (await server.storage.getSubmissionVersions(ids)).map((v) => [
        v.id,
        { supersededBy: v.supersededBy, conflicting: v.conflicting },
      ]),
    );

  /** The state every device computes from what `username` pulls, for the versions among `ids`. */
  async function deviceView(username: string, ids: string[]) {
    const changes: PullResponse['changes'] = await server.pullAll(username);
    const links = changes
      .filter((c) => c.table === 'submissions' && ids.includes(c.id))
      .map((c) => ({ id: c.id, replaces: (c.data?.replaces as string | null) ?? null, hlc: c.hlc ?? '' }));
    return resolveVersions(links);
  }

  it('keeps the replaced submission unchanged and records it as superseded', async () => {
    const v1 = await original('agent');
    const before = await server.storage.getEntity('submissions', v1);
    const { m: v2, result } = await pushOne('focal', (c) => version(c, 1, v1, 9));
    expect(result.status).toBe('applied');

    const after = await server.storage.getEntity('submissions', v1);
    expect(after?.data).toEqual(before?.data);
    expect(after?.serverSeq).toBe(before?.serverSeq);
    expect(await versions([v1, v2.id])).toEqual(
      new Map([
        [v1, { supersededBy: v2.id, conflicting: false }],
        [v2.id, { supersededBy: null, conflicting: false }],
      ]),
    );
    const [row] = await server.storage.getSubmissionVersions([v2.id]);
    expect(row).toMatchObject({ rootId: v1, author: expect.any(String) as string, replaces: v1 });

    // The agent who started it pulls the focal point's correction; another agent sees neither.
    const agentView = await deviceView('agent', [v1, v2.id]);
    expect(agentView.get(v1)).toMatchObject({ state: 'superseded', current: v2.id });
    expect(agentView.get(v2.id)).toMatchObject({ state: 'current', conflicts: 0 });
    const otherIds = (await server.pullAll('agent2')).map((c) => c.id);
    expect(otherIds).not.toContain(v1);
    expect(otherIds).not.toContain(v2.id);

    // Only a version carries its order; a first version spends no bytes on it.
    const pulled = (await server.pullAll('focal')).filter((c) => c.id === v1 || c.id === v2.id);
    expect(pulled.find((c) => c.id === v1)?.hlc).toBeUndefined();
    expect(pulled.find((c) => c.id === v2.id)?.hlc).toMatch(/^\d{15}:/);
  });

  it('lets the author, focal points, supervisors and admins correct, and no other agent', async () => {
    const v1 = await original('agent');
    const byOther = await pushOne('agent2', (c) => version(c, 1, v1, 4));
    expect(byOther.result).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const kept = await server.storage.getRejected(byOther.m.mutationId);
    expect(kept?.payload).toMatchObject({ fields: { replaces: v1 } });

    let current = v1;
    for (const [i, username] of ['agent', 'supervisor', 'admin', 'focal'].entries()) {
      const { m, result } = await pushOne(username, (c) => version(c, 1, current, 10 + i, 10 + i));
      expect(result.status, username).toBe('applied');
      current = m.id;
    }
    // The agent started the chain: they may correct the focal point's latest version too.
    const last = await pushOne('agent', (c) => version(c, 1, current, 20, 20));
    expect(last.result.status).toBe('applied');
    const view = await deviceView('focal', [v1, current, last.m.id]);
    expect(view.get(last.m.id)?.state).toBe('current');
    expect((await versions([current])).get(current)).toEqual({ supersededBy: last.m.id, conflicting: false });
  });

  it('refuses a replaces naming a submission the server does not hold, then accepts it once sent', async () => {
    const clientId = newClientId();
    const v1 = submission(clientId, 2);
    const early = version(clientId, 1, v1.id, 5);
    const first = await server.push('agent', clientId, [early]);
    expect(first.body.results[0]).toMatchObject({ status: 'rejected', code: 'unknown_replaced' });
    expect(await server.storage.getRejected(early.mutationId)).toBeDefined();

    // The device resends it, after the first version, as new mutations.
    const resent = { ...version(clientId, 3, v1.id, 5), id: early.id };
    const second = await server.push('agent', clientId, [v1, resent]);
    expect(second.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // In one batch, a version may follow the one it replaces, not precede it.
    const c2 = newClientId();
    const a = submission(c2, 2);
    const b = version(c2, 1, a.id, 6);
    const c = version(c2, 3, a.id, 7);
    const mixed = await server.push('agent', c2, [b, a, c]);
    expect(mixed.body.results.map((r) => r.status)).toEqual(['rejected', 'applied', 'applied']);
  });

  it('refuses a version that changes form or project, or replaces itself', async () => {
    const now = new Date(START);
    for (const [formId, projectId] of [
      ['other_form', DEMO_PROJECT.id],
      ['elsewhere_form', OTHER_PROJECT],
    ] as const) {
      if (await server.storage.getEntity('forms', `${formId}@${DEMO_FORM.version}`)) continue;
      await publishDefinition(server.storage, { ...DEMO_FORM, id: formId }, now, projectId);
    }
    const v1 = await original('agent');
    const otherForm = await pushOne('agent', (c) => {
      const m = version(c, 1, v1, 5);
      return { ...m, fields: { ...m.fields, formId: 'other_form' } };
    });
    expect(otherForm.result).toMatchObject({ status: 'rejected', code: 'validation' });

    const self = await pushOne('agent', (c) => {
      const m = version(c, 1, 'x', 5);
      return { ...m, fields: { ...m.fields, replaces: m.id } };
    });
    expect(self.result).toMatchObject({ status: 'rejected', code: 'validation' });

    // In a project closed to the user, a submission is as unknown as a missing one.
    const outsiderClient = newClientId();
    const inOther = submission(outsiderClient, 1, {
      fields: { projectId: OTHER_PROJECT, formId: 'elsewhere_form' },
    });
    expect((await server.push('outsider', outsiderClient, [inOther])).body.results[0]?.status).toBe(
      'applied',
    );
    const across = await pushOne('agent', (c) => version(c, 1, inOther.id, 5));
    expect(across.result).toMatchObject({ status: 'rejected', code: 'unknown_replaced' });
    // An admin sees both projects: told plainly that a version stays in its project.
    const moved = await pushOne('admin', (c) => version(c, 1, inOther.id, 5));
    expect(moved.result).toMatchObject({ status: 'rejected', code: 'validation' });
  });

  it('keeps both of two concurrent corrections: the later hlc is current, the other conflicting', async () => {
    const v1 = await original('agent');
    // The later correction arrives first: arrival order does not decide.
    const later = await pushOne('focal', (c) => version(c, 1, v1, 8, 50));
    const earlier = await pushOne('agent', (c) => version(c, 1, v1, 9, 40));
    expect([later.result.status, earlier.result.status]).toEqual(['applied', 'applied']);
    expect(await versions([v1, later.m.id, earlier.m.id])).toEqual(
      new Map([
        [v1, { supersededBy: later.m.id, conflicting: false }],
        [later.m.id, { supersededBy: null, conflicting: false }],
        [earlier.m.id, { supersededBy: later.m.id, conflicting: true }],
      ]),
    );
    for (const username of ['agent', 'focal']) {
      const view = await deviceView(username, [v1, later.m.id, earlier.m.id]);
      expect(view.get(later.m.id)).toMatchObject({ state: 'current', conflicts: 1 });
      expect(view.get(earlier.m.id)?.state).toBe('conflicting');
    }
    // Both are stored whole: nothing entered is lost.
    expect((await server.storage.getEntity('submissions', earlier.m.id))?.data).toMatchObject({
      data: { household_size: 9 },
    });
  });

  it('serializes corrections of one chain pushed at the same time', async () => {
    const v1 = await original('agent');
    // The chain exists already: only its lock keeps concurrent pushes from missing each other's versions.
    const first = await pushOne('supervisor', (c) => version(c, 1, v1, 19, 30));
    expect(first.result.status).toBe('applied');
    const devices = ['focal', 'supervisor', 'admin', 'agent'].map((username, i) => {
      const clientId = newClientId();
      return { username, clientId, m: version(clientId, 1, v1, 20 + i, 60 + i) };
    });
    // Signed in beforehand: password checks would otherwise space the pushes out.
    for (const d of devices) await server.login(d.username);
    const bodies = await Promise.all(devices.map((d) => server.push(d.username, d.clientId, [d.m])));
    expect(bodies.map((b) => b.body.results[0]?.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const ids = devices.map((d) => d.m.id);
    const states = await versions([v1, first.m.id, ...ids]);
    const newest = ids[3]!;
    expect(states.get(v1)).toEqual({ supersededBy: newest, conflicting: false });
    expect(states.get(first.m.id)).toEqual({ supersededBy: newest, conflicting: true });
    expect(states.get(newest)).toEqual({ supersededBy: null, conflicting: false });
    for (const id of ids.slice(0, 3))
      expect(states.get(id)).toEqual({ supersededBy: newest, conflicting: true });
  });

  it('treats a resent correction as a duplicate', async () => {
    const v1 = await original('agent');
    const clientId = newClientId();
    const v2 = version(clientId, 1, v1, 5);
    await server.push('focal', clientId, [v2]);
    const again = await server.push('focal', clientId, [{ ...v2, seq: 2, mutationId: crypto.randomUUID() }]);
    expect(again.body.results[0]?.status).toBe('duplicate');
    expect((await versions([v2.id])).get(v2.id)).toEqual({ supersededBy: null, conflicting: false });
  });

  it('agrees with what devices compute, whatever corrections are made', async () => {
    const scenario = fc.array(fc.record({ parent: fc.nat(), second: fc.integer({ min: 1, max: 200 }) }), {
      minLength: 1,
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (edits) => {
        const ids = [await original('agent')];
        for (const edit of edits) {
          const parent = ids[edit.parent % ids.length]!;
          const { m, result } = await pushOne('focal', (c) => version(c, 1, parent, 5, edit.second));
          expect(result.status).toBe('applied');
          ids.push(m.id);
        }
        const stored = await versions(ids);
        const view = await deviceView('focal', ids);
        for (const id of ids) {
          const info = view.get(id)!;
          expect(stored.get(id)).toEqual({
            supersededBy: info.state === 'current' ? null : info.current,
            conflicting: info.state === 'conflicting',
          });
        }
      }),
      { numRuns: 8 },
    );
  });
});
