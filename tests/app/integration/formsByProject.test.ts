import { describe, expect, it } from 'vitest';
import { listLatestForms } from '../../../src/app/repositories/forms';
import { FormDefinition } from '../../../src/core/forms/definition';
import { DEMO_ANSWERS, DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../../server/backends';
import { OTHER_PROJECT, publishDefinition } from '../../server/harness';
import { useRealServer } from './useRealServer';

/** The other project's form under the demo form's id and version, with a required question of its own. */
const OTHER_FORM = FormDefinition.parse({
  ...DEMO_FORM,
  title: { fr: 'Ménage (Tombouctou)' },
  items: [
    ...DEMO_FORM.items,
    { kind: 'question', type: 'text', name: 'quartier', label: { fr: 'Quartier' }, required: true },
  ],
});

/**
 * Issue 11, hole 6, on devices: two projects publish one form id and version. A device sees its projects'
 * forms only, keeps two projects' forms apart, and each submission is checked against its own project's.
 */
describe.each(backends)('form versions of two projects with one form id ($name)', (backend) => {
  const t = useRealServer(backend, {
    setup: (server) => publishDefinition(server.storage, OTHER_FORM, server.clock.now, OTHER_PROJECT),
  });

  it("keeps each project's form apart on a device that sees both, and syncs each project's submissions", async () => {
    const admin = await t.device('admin');
    const forms = await listLatestForms(admin.db);
    const both = forms.filter((f) => f.formId === DEMO_FORM.id);
    expect(both.map((f) => f.projectId).sort()).toEqual([OTHER_PROJECT, DEMO_PROJECT.id].sort());
    const theirs = both.find((f) => f.projectId === OTHER_PROJECT)!;
    const ours = both.find((f) => f.projectId === DEMO_PROJECT.id)!;
    await admin.finalize({ ...DEMO_ANSWERS, quartier: 'Abaradjou' }, theirs);
    await admin.finalize({ ...DEMO_ANSWERS }, ours);
    await admin.sync();
    expect(admin.engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, lastError: null });
    expect(await admin.db.outbox.count()).toBe(0);

    // An agent of the demo project never sees the other project's form.
    const agent = await t.device('agent');
    const seen = (await agent.db.forms.toArray()).filter((f) => f.formId === DEMO_FORM.id);
    expect(seen.map((f) => f.projectId)).toEqual([DEMO_PROJECT.id]);
    expect(JSON.stringify(seen)).not.toContain('quartier');
  }, 60_000);
});
