import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormVersion, formVersionKey } from '../../../src/core/records/formVersion';
import { FormArchiveResponse, FormCheckResponse } from '../../../src/core/sync/formAdmin';
import { DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from '../harness';
import { formUpload } from './fixtureFiles';

const FORM = 'type,name,label,relevant\ninteger,age,Age,\ntext,job,Job,${age} >= 18\n';
const BROKEN = 'type,name,label,relevant\ninteger,age,Age,${agee} > 1\n';

interface ErrorResponse {
  error: { code: string; message: string; details?: { issues: unknown[] } };
}

describe.each(backends)('checking and archiving forms on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function call(
    username: string,
    path: string,
    init: { body?: FormData; json?: unknown },
    lang = 'en',
  ) {
    const res = await server.request(`/api/projects/${path}`, {
      token: await server.login(username),
      headers: { 'accept-language': lang },
      ...init,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }
  const check = (username: string, csv: string, project = DEMO_PROJECT.id, lang = 'en') =>
    call(username, `${project}/forms/check`, { body: formUpload(csv, 'Age check.csv') }, lang);
  const archive = (username: string, formId: string, archived: boolean, project = DEMO_PROJECT.id) =>
    call(username, `${project}/forms/${formId}/archive`, { json: { archived } });
  const formChanges = async (username: string) =>
    (await server.pullAll(username)).filter((c) => c.table === 'forms');

  it('checks a form without publishing it: its definition to preview, or every issue in French', async () => {
    const before = await formChanges('admin');
    const ok = await check('supervisor', FORM);
    expect(ok.status).toBe(200);
    const answer = FormCheckResponse.parse(ok.body);
    expect(answer).toMatchObject({
      formId: 'age-check',
      questionCount: 2,
      alreadyPublished: false,
      warnings: [],
    });
    expect(answer.definition.items.map((item) => item.name)).toEqual(['age', 'job']);

    const broken = await check('supervisor', BROKEN, DEMO_PROJECT.id, 'fr-FR,fr;q=0.9');
    expect(broken.status).toBe(422);
    expect((broken.body as ErrorResponse).error.details?.issues).toEqual([
      { sheet: 'survey', row: 2, column: 'relevant', message: '${agee} n’est pas un champ de ce formulaire' },
    ]);
    // Nothing reached any device.
    expect(await formChanges('admin')).toEqual(before);

    // Once published, checking the same file says so (publishing it again would be refused).
    expect(
      (await call('supervisor', `${DEMO_PROJECT.id}/forms`, { body: formUpload(FORM, 'Age check.csv') }))
        .status,
    ).toBe(201);
    expect(FormCheckResponse.parse((await check('supervisor', FORM)).body).alreadyPublished).toBe(true);
  });

  it('refuses agents, focal points and supervisors of other projects with 403, unknown projects with 404', async () => {
    for (const [user, project] of [
      ['agent', DEMO_PROJECT.id],
      ['focal', DEMO_PROJECT.id],
      ['supervisor', OTHER_PROJECT],
    ] as const) {
      const checked = await check(user, FORM, project);
      expect([user, checked.status, (checked.body as ErrorResponse).error.code]).toEqual([
        user,
        403,
        'forbidden',
      ]);
      const archived = await archive(user, DEMO_FORM.id, true, project);
      expect([user, archived.status]).toEqual([user, 403]);
    }
    expect((await check('admin', FORM, 'no-such-project')).status).toBe(404);
  });

  it('archives every version of a form: devices get the mark, drafts on it can still be sent', async () => {
    const archived = await archive('supervisor', DEMO_FORM.id, true);
    expect(archived.status).toBe(200);
    expect(FormArchiveResponse.parse(archived.body)).toEqual({
      formId: DEMO_FORM.id,
      archived: true,
      versions: [DEMO_FORM.version],
    });
    const key = formVersionKey(DEMO_PROJECT.id, DEMO_FORM.id, DEMO_FORM.version);
    const pulled = (await formChanges('agent')).find((c) => c.id === key);
    const version = FormVersion.parse(pulled?.data);
    expect(version.archivedAt).toEqual(expect.any(String));
    // The definition is the published one, untouched.
    expect(version.definition).toEqual(DEMO_FORM);
    // Archiving again changes nothing.
    expect(FormArchiveResponse.parse((await archive('admin', DEMO_FORM.id, true)).body).versions).toEqual([]);

    // A draft started before the archive is finished and sent: the server takes it.
    const clientId = newClientId();
    const pushed = await server.push('agent', clientId, [submission(clientId, 1)]);
    expect(pushed.body.results?.[0]?.status).toBe('applied');

    // Offered again: the mark goes, and devices get that too.
    expect((await archive('supervisor', DEMO_FORM.id, false)).status).toBe(200);
    const again = (await formChanges('agent')).find((c) => c.id === key);
    expect(FormVersion.parse(again?.data).archivedAt).toBeUndefined();
  });

  it('answers 404 for a form the project does not have, 400 for a body that is not { archived }', async () => {
    expect((await archive('supervisor', 'no-such-form', true)).status).toBe(404);
    expect((await archive('supervisor', 'bad@id', true)).status).toBe(404);
    const bad = await call('supervisor', `${DEMO_PROJECT.id}/forms/${DEMO_FORM.id}/archive`, {
      json: { archived: 'yes' },
    });
    expect(bad.status).toBe(400);
  });
});
