import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormVersion, formVersionKey } from '../../../src/core/records/formVersion';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { OTHER_PROJECT, setupServer, type TestServer } from '../harness';
import { fixture, formUpload } from './fixtureFiles';

const CSV_FORM = 'type,name,label,relevant\ninteger,age,Age,\ntext,job,Job,${age} >= 18\n';

interface ErrorResponse {
  error: {
    code: string;
    message: string;
    details?: { issues: { sheet: string; row?: number; column?: string; message: string }[] };
  };
}

describe.each(backends)('POST /api/projects/:id/forms on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function post(username: string, body: FormData, projectId = DEMO_PROJECT.id, headers = {}) {
    const res = await server.request(`/api/projects/${projectId}/forms`, {
      token: await server.login(username),
      body,
      headers,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  const formIds = async (username: string) =>
    (await server.pullAll(username)).filter((c) => c.table === 'forms').map((c) => c.id);

  it('publishes an uploaded XLSForm; agents receive it on their next pull', async () => {
    const { status, body } = await post('supervisor', formUpload(fixture('tutorial.xls'), 'tutorial.xls'));
    expect(status).toBe(201);
    expect(body).toMatchObject({
      formId: 'tutorial',
      version: '202611240800',
      title: 'tutorial',
      questionCount: 10,
    });
    const changes = await server.pullAll('agent');
    const change = changes.find((c) => c.id === formVersionKey(DEMO_PROJECT.id, 'tutorial', '202611240800'));
    expect(change?.table).toBe('forms');
    const version = FormVersion.parse(change?.data);
    expect(version).toMatchObject({ projectId: DEMO_PROJECT.id, publishedAt: '2026-11-24T08:00:00.000Z' });
    expect(version.definition.items[0]).toMatchObject({ kind: 'repeat', name: 'member' });
    // Not to an agent of another project.
    expect(await formIds('outsider')).toEqual([]);
  });

  it('accepts CSV and lets an admin publish in any project', async () => {
    const { status, body } = await post('admin', formUpload(CSV_FORM, 'Age check.csv'), OTHER_PROJECT);
    expect([status, body]).toEqual([
      201,
      { formId: 'age-check', version: '202611240800', title: 'Age check', questionCount: 2, warnings: [] },
    ]);
    expect(await formIds('outsider')).toEqual([formVersionKey(OTHER_PROJECT, 'age-check', '202611240800')]);
  });

  it('refuses agents, focal points and supervisors of other projects with 403', async () => {
    for (const [user, project] of [
      ['agent', DEMO_PROJECT.id],
      ['focal', DEMO_PROJECT.id],
      ['supervisor', OTHER_PROJECT],
    ] as const) {
      const { status, body } = await post(user, formUpload(CSV_FORM, 'x.csv'), project);
      expect([user, status, (body as ErrorResponse).error.code]).toEqual([user, 403, 'forbidden']);
    }
  });

  it('answers 422 with every issue for a broken form, and stores nothing', async () => {
    const before = await formIds('admin');
    const broken =
      'type,name,label,relevant\ninteger,age,Age,${agee} > 1\nbegin group,g,G,\nselect_one nowhere,s,S,\n';
    const { status, body } = await post('supervisor', formUpload(broken, 'broken.csv'));
    expect(status).toBe(422);
    const { error } = body as ErrorResponse;
    expect(error.code).toBe('validation');
    expect(error.details?.issues).toEqual([
      { sheet: 'survey', row: 2, column: 'relevant', message: '${agee} is not a field of this form' },
      { sheet: 'survey', row: 3, column: 'type', message: 'begin group g is never closed: add end group' },
      { sheet: 'survey', row: 4, column: 'type', message: 'Choice list nowhere is not in the choices sheet' },
    ]);
    const notAForm = await post(
      'supervisor',
      formUpload(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0]), 'photo.png'),
    );
    expect(notAForm.status).toBe(422);
    expect((notAForm.body as ErrorResponse).error.details?.issues[0]).toMatchObject({ sheet: 'file' });
    expect(await formIds('admin')).toEqual(before);
  });

  it('answers in French when the browser asks for French, naming the same cells', async () => {
    const broken = 'type,name,label,relevant\ninteger,age,Age,${agee} > 1\nselect_one nowhere,s,S,\n';
    const { status, body } = await post('supervisor', formUpload(broken, 'broken.csv'), DEMO_PROJECT.id, {
      'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8',
    });
    expect(status).toBe(422);
    const { error } = body as ErrorResponse;
    expect(error.message).toBe('broken.csv : 2 problèmes à corriger');
    expect(error.details?.issues).toEqual([
      { sheet: 'survey', row: 2, column: 'relevant', message: '${agee} n’est pas un champ de ce formulaire' },
      {
        sheet: 'survey',
        row: 3,
        column: 'type',
        message: 'La liste de choix nowhere n’est pas dans la feuille choices',
      },
    ]);
  });

  it('takes every other file part as an attachment: the CSV choices of select_*_from_file', async () => {
    const form = 'type,name,label\nselect_one_from_file villages.csv,village,Village\n';
    const body = formUpload(form, 'Villages.csv');
    body.append('media', new File(['name,label,cercle\ngao,Gao,gao\nbara,Bara,ansongo\n'], 'villages.csv'));
    body.append('note', 'text parts are ignored');
    const { status, body: result } = await post('supervisor', body);
    expect([status, result]).toMatchObject([201, { formId: 'villages', warnings: [] }]);
    const change = (await server.pullAll('agent')).find(
      (c) => c.id === formVersionKey(DEMO_PROJECT.id, 'villages', '202611240800'),
    );
    expect(FormVersion.parse(change?.data).definition.choiceLists.villages).toEqual([
      { name: 'gao', label: { und: 'Gao' }, extra: { cercle: 'gao' } },
      { name: 'bara', label: { und: 'Bara' }, extra: { cercle: 'ansongo' } },
    ]);
  });

  it('embeds GeoJSON and XML attachments too', async () => {
    const form = [
      'type,name,label,choice_filter',
      'select_one_from_file villages.xml,village,Village,',
      'select_one_from_file wells.geojson,well,Puits,village=${village}',
    ].join('\n');
    const body = formUpload(form, 'Wells.csv');
    const villages = '<root><item><name>gao</name><label>Gao</label></item></root>';
    body.append('media', new File([villages], 'villages.xml'));
    const wells = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'w1',
          geometry: { type: 'Point', coordinates: [-0.04, 16.27] },
          properties: { title: 'Puits du marché', village: 'gao' },
        },
      ],
    };
    body.append('media', new File([JSON.stringify(wells)], 'wells.geojson'));
    const { status, body: result } = await post('supervisor', body);
    expect([status, result]).toMatchObject([201, { formId: 'wells', warnings: [] }]);
    const change = (await server.pullAll('agent')).find(
      (c) => c.id === formVersionKey(DEMO_PROJECT.id, 'wells', '202611240800'),
    );
    expect(FormVersion.parse(change?.data).definition.choiceLists).toEqual({
      villages: [{ name: 'gao', label: { und: 'Gao' } }],
      wells: [
        {
          name: 'w1',
          label: { und: 'Puits du marché' },
          extra: { title: 'Puits du marché', village: 'gao', id: 'w1', geometry: '16.27 -0.04 0 0' },
        },
      ],
    });
  });

  it('answers 422 listing every missing or unreadable attachment, and stores nothing', async () => {
    const before = await formIds('admin');
    const form = [
      'type,name,label',
      'text,t,T',
      'select_one_from_file villages.csv,village,Village',
      'select_one_from_file wells.geojson,well,Puits',
      'select_one_from_file zones.xml,zone,Zone',
    ].join('\n');
    const body = formUpload(form, 'Missing.csv');
    body.append('media', new File(['{}'], 'villages.json'));
    body.append('media', new File(['<root><item><name>z1</name>'], 'zones.xml'));
    const { status, body: result } = await post('supervisor', body);
    expect(status).toBe(422);
    expect((result as ErrorResponse).error.message).toBe(
      'Missing.csv: 4 problems to fix (attach villages.csv, wells.geojson)',
    );
    expect((result as ErrorResponse).error.details?.issues).toEqual([
      {
        sheet: 'file',
        message:
          'villages.json: this kind of file cannot be attached; attach images (.jpg, .png, .webp, .gif), sounds (.mp3, .m4a, .ogg, .wav), videos (.mp4, .webm) or the .csv, .geojson and .xml files of select_one_from_file',
      },
      {
        sheet: 'survey',
        row: 3,
        column: 'type',
        message: 'Choices come from villages.csv, which is not attached: add it to the import with the form',
      },
      {
        sheet: 'survey',
        row: 4,
        column: 'type',
        message: 'Choices come from wells.geojson, which is not attached: add it to the import with the form',
      },
      {
        sheet: 'survey',
        row: 5,
        column: 'type',
        message: 'zones.xml is not well-formed XML: line 1: <item> is not closed',
      },
    ]);
    expect(await formIds('admin')).toEqual(before);
  });

  it('answers 409 when that version is already published, leaving the first one as it was', async () => {
    const bytes = fixture('specify_other.xlsx');
    expect((await post('supervisor', formUpload(bytes, 'specify_other.xlsx'))).status).toBe(201);
    const seqBefore = (await server.pullAll('admin')).at(-1)?.serverSeq;
    const again = await post('admin', formUpload(bytes, 'specify_other.xlsx'));
    expect([again.status, (again.body as ErrorResponse).error.code]).toEqual([409, 'conflict']);
    expect((await server.pullAll('admin')).at(-1)?.serverSeq).toBe(seqBefore);
  });

  it('answers 413 over 10 MB, 400 without a file, 404 for an unknown project, 401 without a session', async () => {
    const big = await post('supervisor', formUpload(new Uint8Array(10 * 1024 * 1024 + 1), 'big.xlsx'));
    expect([big.status, (big.body as ErrorResponse).error.code]).toEqual([413, 'payload_too_large']);
    const empty = new FormData();
    empty.append('note', 'no file');
    expect((await post('supervisor', empty)).status).toBe(400);
    const twice = formUpload(CSV_FORM, 'x.csv');
    twice.append('file', new File([CSV_FORM], 'y.csv'));
    expect((await post('supervisor', twice)).status).toBe(400);
    expect((await post('admin', formUpload(CSV_FORM, 'x.csv'), 'no-such-project')).status).toBe(404);
    const anonymous = await server.request(`/api/projects/${DEMO_PROJECT.id}/forms`, {
      body: formUpload(CSV_FORM, 'x.csv'),
    });
    expect(anonymous.status).toBe(401);
  });
});
