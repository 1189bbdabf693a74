import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormRecord } from '../../../src/app/db/schema';
import { AnswersInvalidError } from '../../../src/app/repositories/AnswersInvalidError';
import { createDraft, finalizeDraft, getDraft, saveDraftAnswers } from '../../../src/app/repositories/drafts';
import { getFormVersion, listLatestForms } from '../../../src/app/repositories/forms';
import { FormDefinition } from '../../../src/core/forms/definition';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import { publishDefinition, type TestServer } from '../../server/harness';
import { createDevice, startServer, type Device } from '../integration/realServer';
import { useRealServer } from '../integration/useRealServer';

/**
 * A draft keeps the form version it was started on: newer versions pulled meanwhile serve new drafts only,
 * and the old draft finalizes on its own version, which the server accepts. Real server (both backends),
 * real sync engine, the device's IndexedDB in fake-indexeddb.
 */

const FORM_ID = 'latrine_visit';
const versionName = (n: number) => `v${String(n).padStart(2, '0')}`;

/**
 * Version `n` of a latrine visit. Version 1 has a required question that only a household with a latrine
 * answers; each later version adds one required question (`added_2`, `added_3`, …), so an answer set made
 * for version k is complete on version k and incomplete on any later one.
 */
function formVersion(n: number): FormDefinition {
  const added = Array.from({ length: n - 1 }, (_, i) => ({
    kind: 'question',
    type: 'text',
    name: `added_${i + 2}`,
    label: { fr: `Question ajoutée en version ${i + 2}` },
    required: true,
  }));
  return FormDefinition.parse({
    id: FORM_ID,
    version: versionName(n),
    title: { fr: 'Visite latrines', en: 'Latrine visit' },
    defaultLanguage: 'fr',
    languages: ['fr', 'en'],
    items: [
      {
        kind: 'question',
        type: 'select_one',
        name: 'has_latrine',
        label: { fr: 'Le ménage a-t-il une latrine ?' },
        listName: 'yes_no',
        required: true,
      },
      {
        kind: 'question',
        type: 'select_one',
        name: 'latrine_type',
        label: { fr: 'Type de latrine' },
        listName: 'latrine',
        required: true,
        relevant: "${has_latrine} = 'yes'",
      },
      {
        kind: 'question',
        type: 'integer',
        name: 'members',
        label: { fr: 'Membres' },
        required: true,
        min: 1,
      },
      ...added,
    ],
    choiceLists: {
      yes_no: [
        { name: 'yes', label: { fr: 'Oui' } },
        { name: 'no', label: { fr: 'Non' } },
      ],
      latrine: [
        { name: 'pit', label: { fr: 'Fosse' } },
        { name: 'flush', label: { fr: 'Chasse d’eau' } },
      ],
    },
  });
}

/**
 * Answers complete for version `n`. Without a latrine, the latrine type typed earlier stays in the draft:
 * finalize must drop it (not relevant), and the server must not then call that required question missing.
 */
function answersFor(n: number, latrine: boolean, members: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    has_latrine: latrine ? 'yes' : 'no',
    latrine_type: 'pit',
    members,
  };
  for (let k = 2; k <= n; k += 1) answers[`added_${k}`] = `réponse ${k}`;
  return answers;
}

/** What finalize stores for `answersFor(n, latrine, members)`. */
function finalizedData(n: number, latrine: boolean, members: number): Record<string, unknown> {
  const { latrine_type: type, ...rest } = answersFor(n, latrine, members);
  return latrine ? { ...rest, latrine_type: type } : rest;
}

/** Publishes version `n` on the server, one hour after the previous one. */
async function publish(server: TestServer, n: number): Promise<void> {
  await publishDefinition(
    server.storage,
    formVersion(n),
    new Date(server.clock.now.getTime() + n * 3_600_000),
  );
}

async function latestForm(device: Device): Promise<FormRecord | undefined> {
  return (await listLatestForms(device.db)).find((f) => f.formId === FORM_ID);
}

async function serverSubmission(server: TestServer, id: string) {
  return server.storage.transaction((tx) => tx.getEntity('submissions', id));
}

describe.each(backends)('a draft across form versions ($name)', (backend) => {
  const t = useRealServer(backend, { setup: (server) => publish(server, 1) });

  it('keeps opening and finalizing on version 1 after version 2 is pulled, and the server accepts it', async () => {
    const { server } = t;
    const agent = await t.device('agent');
    const { db, userId } = agent;
    const v1 = await latestForm(agent);
    expect(v1?.version).toBe('v01');
    const old = await createDraft(db, v1 as FormRecord);
    await saveDraftAnswers(db, old.id, answersFor(1, false, 4));

    await publish(server, 2);
    await agent.sync();

    // New drafts start on version 2; version 1 stays on the device for the draft started on it.
    const v2 = await latestForm(agent);
    expect(v2?.version).toBe('v02');
    const fresh = await createDraft(db, v2 as FormRecord);
    expect(fresh.formVersion).toBe('v02');
    expect((await getDraft(db, old.id))?.formVersion).toBe('v01');
    expect(await getFormVersion(db, DEMO_PROJECT.id, FORM_ID, 'v01')).toBeDefined();

    // The same answers are incomplete on version 2 (its new required question)...
    await saveDraftAnswers(db, fresh.id, answersFor(1, false, 4));
    const refused = await finalizeDraft(db, fresh.id, { userId, lang: 'fr' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AnswersInvalidError);
    expect((refused as AnswersInvalidError).issues).toEqual([
      { path: 'added_2', message: 'Cette question est obligatoire.' },
    ]);

    // ...and complete on version 1, which the old draft finalizes on.
    const submission = await finalizeDraft(db, old.id, { userId, lang: 'fr' });
    expect(submission).toMatchObject({ formVersion: 'v01', data: finalizedData(1, false, 4) });

    await agent.sync();
    expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
    expect((await db.submissions.get(old.id))?.syncState).toBe('synced');
    const stored = await serverSubmission(server, old.id);
    expect(stored?.data).toMatchObject({
      formId: FORM_ID,
      formVersion: 'v01',
      data: finalizedData(1, false, 4),
    });
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------
// The property: any interleaving of publishing, syncing, starting and finalizing drafts.

type Step =
  | { kind: 'publish' }
  | { kind: 'sync' }
  | { kind: 'start'; latrine: boolean; members: number }
  | { kind: 'finalize'; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'publish' }),
  fc.constant<Step>({ kind: 'sync' }),
  fc.record({
    kind: fc.constant('start' as const),
    latrine: fc.boolean(),
    members: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ kind: fc.constant('finalize' as const), pick: fc.nat(20) }),
);

const SEED =
  process.env.DRAFT_VERSIONS_SEED === undefined ? 20_261_123 : Number(process.env.DRAFT_VERSIONS_SEED);
const RUNS = Number(process.env.DRAFT_VERSIONS_RUNS ?? 8);

describe.each(backends)('drafts across form versions, any interleaving ($name)', (backend) => {
  it(`each draft finalizes on its own version and the server accepts them all (seed ${SEED}, ${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 3, maxLength: 14 }), async (steps) => {
        const server = await startServer(backend);
        let agent: Device | undefined;
        try {
          let published = 1;
          await publish(server, 1);
          agent = await createDevice(server, 'agent');
          await agent.sync();
          let pulled = 1;
          const { db, userId } = agent;
          /** Open drafts: id → the version number it started on and what it needs to be complete. */
          const open = new Map<string, { n: number; latrine: boolean; members: number }>();
          const finalized = new Map<string, { n: number; latrine: boolean; members: number }>();

          const finalize = async (id: string) => {
            const draft = open.get(id);
            if (!draft) return;
            const submission = await finalizeDraft(db, id, { userId, lang: 'fr' });
            expect(submission.formVersion).toBe(versionName(draft.n));
            expect(submission.data).toEqual(finalizedData(draft.n, draft.latrine, draft.members));
            open.delete(id);
            finalized.set(id, draft);
          };

          for (const step of steps) {
            if (step.kind === 'publish') {
              published += 1;
              await publish(server, published);
            } else if (step.kind === 'sync') {
              await agent.sync();
              pulled = published;
            } else if (step.kind === 'start') {
              // A new draft is on the newest version the device has pulled.
              const form = await latestForm(agent);
              expect(form?.version).toBe(versionName(pulled));
              const draft = await createDraft(db, form as FormRecord);
              await saveDraftAnswers(db, draft.id, answersFor(pulled, step.latrine, step.members));
              open.set(draft.id, { n: pulled, latrine: step.latrine, members: step.members });
            } else {
              const ids = [...open.keys()];
              if (ids.length > 0) await finalize(ids[step.pick % ids.length] as string);
            }
          }
          for (const id of [...open.keys()]) await finalize(id);
          await agent.sync();

          expect(agent.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, rejected: 0 });
          for (const [id, draft] of finalized) {
            const stored = await serverSubmission(server, id);
            expect(stored?.data).toMatchObject({
              formId: FORM_ID,
              formVersion: versionName(draft.n),
              data: finalizedData(draft.n, draft.latrine, draft.members),
            });
          }
        } finally {
          await agent?.close();
          await server.close();
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);
});
