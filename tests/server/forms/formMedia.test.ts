import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormVersion, formVersionKey } from '../../../src/core/records/formVersion';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { OTHER_PROJECT, setupServer, type TestServer } from '../harness';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(20)]);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An XLSForm whose question shows map.png, and whose choices show yes.jpg (the `image` column) and play a sound. */
function mediaWorkbook(version: string): Buffer {
  const book = XLSX.utils.book_new();
  const survey = [
    ['type', 'name', 'label', 'media::image', 'media::audio'],
    ['select_one yn', 'seen', 'Have you seen this place?', 'map.png', 'hello.mp3'],
  ];
  const choices = [
    ['list_name', 'name', 'label', 'image'],
    ['yn', 'yes', 'Yes', 'yes.jpg'],
    ['yn', 'no', 'No', ''],
  ];
  const settings = [
    ['form_title', 'form_id', 'version'],
    ['Places', 'places', version],
  ];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(survey), 'survey');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(choices), 'choices');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(settings), 'settings');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

function upload(version: string, files: [string, Uint8Array][]): FormData {
  const body = new FormData();
  body.append('file', new File([new Uint8Array(mediaWorkbook(version))], 'places.xlsx'));
  for (const [name, bytes] of files) body.append('media', new File([bytes.slice()], name));
  return body;
}

interface Issue {
  sheet: string;
  row?: number;
  message: string;
}
interface ErrorBody {
  error: { code: string; message: string; details?: { issues: Issue[] } };
}

describe.each(backends)('form media files on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function post(body: FormData, path = 'forms', headers: Record<string, string> = {}) {
    const res = await server.request(`/api/projects/${DEMO_PROJECT.id}/${path}`, {
      token: await server.login('supervisor'),
      body,
      headers,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  const fileUrl = (version: string, name: string, projectId = DEMO_PROJECT.id) =>
    `/api/projects/${projectId}/forms/places/versions/${version}/files/${name}`;

  it('publishes a form with its images and sound, records them in the version, serves them to members', async () => {
    const files: [string, Uint8Array][] = [
      ['map.png', PNG],
      ['yes.jpg', JPEG],
      ['hello.mp3', MP3],
    ];
    const checked = await post(upload('1', files), 'forms/check');
    expect(checked).toMatchObject({ status: 200, body: { formId: 'places', warnings: [] } });

    const { status, body } = await post(upload('1', files));
    expect([status, body]).toMatchObject([201, { formId: 'places', warnings: [] }]);
    const change = (await server.pullAll('agent')).find(
      (c) => c.id === formVersionKey(DEMO_PROJECT.id, 'places', '1'),
    );
    const version = FormVersion.parse(change?.data);
    expect(version.files).toEqual([
      { name: 'hello.mp3', sha256: sha(MP3), bytes: MP3.length, contentType: 'audio/mpeg' },
      { name: 'map.png', sha256: sha(PNG), bytes: PNG.length, contentType: 'image/png' },
      { name: 'yes.jpg', sha256: sha(JPEG), bytes: JPEG.length, contentType: 'image/jpeg' },
    ]);
    expect(version.definition.choiceLists.yn?.[0]?.media).toEqual({ image: { und: 'yes.jpg' } });

    // An agent of the project downloads it, cacheable, with its SHA-256 as ETag.
    const agent = await server.login('agent');
    const res = await server.request(fileUrl('1', 'map.png'), { token: agent });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toBe(`"${sha(PNG)}"`);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const again = await server.request(fileUrl('1', 'map.png'), {
      token: agent,
      headers: { 'if-none-match': `"${sha(PNG)}"` },
    });
    expect(again.status).toBe(304);

    // Nobody outside the project, nobody signed out; no file the version does not list.
    const outsider = await server.request(fileUrl('1', 'map.png'), { token: await server.login('outsider') });
    expect(outsider.status).toBe(403);
    expect((await server.request(fileUrl('1', 'map.png'))).status).toBe(401);
    expect((await server.request(fileUrl('1', 'other.png'), { token: agent })).status).toBe(404);
    expect((await server.request(fileUrl('9', 'map.png'), { token: agent })).status).toBe(404);
    const admin = await server.login('admin');
    expect((await server.request(fileUrl('1', 'map.png', OTHER_PROJECT), { token: admin })).status).toBe(404);
    // Other API answers stay uncached.
    const health = await server.request('/api/health');
    expect(health.headers.get('cache-control')).toBe('no-store');
  });

  it('publishes with a warning for a named file not attached; the same bytes are stored once', async () => {
    const { status, body } = await post(upload('2', [['map.png', PNG]]));
    expect(status).toBe(201);
    expect((body as { warnings: Issue[] }).warnings).toEqual([
      {
        sheet: 'survey',
        row: 2,
        message: 'hello.mp3 is named in the form but not attached: devices show the text without it',
      },
      {
        sheet: 'choices',
        message: 'yes.jpg is named in the form but not attached: devices show the text without it',
      },
    ]);
    const res = await server.request(fileUrl('2', 'map.png'), { token: await server.login('agent') });
    expect(res.status).toBe(200);
  });

  it('refuses, with every problem in French, a renamed file, an unknown kind and a file the form never names', async () => {
    const before = (await server.pullAll('admin')).filter((c) => c.table === 'forms').length;
    const { status, body } = await post(
      upload('3', [
        ['map.png', Buffer.from('<html>not a picture</html>')],
        ['yes.jpg', JPEG],
        ['notes.pdf', Buffer.from('%PDF-1.4')],
        ['extra.png', PNG],
      ]),
      'forms',
      { 'accept-language': 'fr' },
    );
    expect(status).toBe(422);
    const { error } = body as ErrorBody;
    expect(error.message).toBe('places.xlsx : 3 problèmes à corriger');
    expect(error.details?.issues).toEqual([
      {
        sheet: 'file',
        message: 'map.png : son contenu n’est pas le fichier .png qu’annonce son nom (abîmé ou renommé ?)',
      },
      {
        sheet: 'file',
        message:
          'notes.pdf : ce type de fichier ne peut pas être joint ; joignez des images (.jpg, .png, .webp, .gif), des sons (.mp3, .m4a, .ogg, .wav), des vidéos (.mp4, .webm) ou les fichiers .csv, .geojson et .xml de select_one_from_file',
      },
      {
        sheet: 'file',
        message:
          'extra.png est joint mais aucune cellule media::image, media::audio ou media::video ne le nomme : retirez-le ou nommez-le dans le formulaire',
      },
    ]);
    expect((await server.pullAll('admin')).filter((c) => c.table === 'forms').length).toBe(before);
  });

  it('refuses an image over its size limit', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const { status, body } = await post(upload('4', [['map.png', big]]));
    expect(status).toBe(422);
    expect((body as ErrorBody).error.details?.issues).toEqual([
      { sheet: 'file', message: 'map.png is larger than 5 MB, the limit for an image' },
    ]);
  });
});
