import { memberId } from '../../../src/core/records/member';
import { randomUUID } from 'node:crypto';
import { CHUNK_CONTENT_TYPE } from '../../../src/core/sync/media';
import type { PullChange } from '../../../src/core/sync/protocol';
import { sealForServer, ServerKeyResponse, signSealed } from '../../../src/core/sync/sealed';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../../../src/core/sync/unsyncedExport';
import { putServerRecord } from '../../../src/server/catalog';
import { DEMO_ANSWERS, DEMO_FORM } from '../../../src/server/seed/demoForm';
import { newDeviceKeys, publicJwk, registerDevice, sealFile } from '../devices/deviceKeys';
import { formUpload } from '../forms/fixtureFiles';
import { newClientId, PASSWORD, submission } from '../harness';
import { pmtilesBytes, pyramid } from '../maps/fixtures';
import { fakePhoto, PHOTO_FORM } from '../media/photoForm';
import { sealedFile } from '../sealed/sealedFiles';
import type { Column, Outcome } from './rightsTable';

/** A 1×1 PNG: a form's picture. */
const FORM_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
import { USER_ACTS } from './userActs';
import { httpOutcome, ownOutcome, pushOutcome, type PushOutcome, type RightsWorld } from './world';

/** One row of the rights table: does `column` act, on a project of its own, and says what happened. */
export type Act = (w: RightsWorld, column: Column) => Promise<Outcome>;

const review = (submissionId: string, projectId: string, fields: Record<string, unknown>) => ({
  submissionId,
  projectId,
  ...fields,
});

/** Sets a review up (by the focal point or supervisor, behind the scenes), then the column changes it. */
async function reviewAct(
  w: RightsWorld,
  column: Column,
  before: { by: string; fields: Record<string, unknown> } | null,
  change: Record<string, unknown>,
  op: 'put' | 'delete' = 'put',
): Promise<Outcome> {
  const p = await w.project();
  const s = await w.submissionBy('agent2', p);
  if (before) await w.setUp(before.by, (c) => w.change(c, 1, 'reviews', s, review(s, p, before.fields)));
  return pushOutcome(
    await w.pushOne(column, (c) => w.change(c, 1, 'reviews', s, review(s, p, change), { op })),
  );
}

/** How many months the exchange-rate act has used (each call writes a month of its own). */
let rateMonths = 0;

/** An indicator of the project, and optionally a value of it, made on the server. */
async function indicatorOf(w: RightsWorld, p: string, value?: Record<string, unknown>) {
  const at = w.server.clock.now;
  const ids = { indicator: `ind-${p}`, value: `val-${p}` };
  const identity = {
    indicatorId: ids.indicator,
    projectId: p,
    periodStart: '2026-01-01',
    periodEnd: '2026-02-28',
  };
  await w.server.storage.transaction(async (tx) => {
    await putServerRecord(
      tx,
      'indicators',
      { id: ids.indicator, projectId: p, code: 'I-1', title: { fr: 'I' } },
      null,
      at,
    );
    if (value)
      await putServerRecord(tx, 'indicatorValues', { id: ids.value, ...identity, ...value }, null, at);
  });
  return { ...ids, identity };
}

/** A map pack upload (a one-tile PMTiles file) as multipart. */
async function mapPackUpload(): Promise<{ body: FormData }> {
  const body = new FormData();
  body.set('name', 'Gao');
  body.set('file', new Blob([new Uint8Array(await pmtilesBytes(pyramid(0)))]), 'gao.pmtiles');
  return { body };
}

/** A map pack of project `p`, uploaded by the admin. */
async function mapPackOf(w: RightsWorld, p: string): Promise<string> {
  const res = await w.request('admin', `/api/projects/${p}/map-packs`, await mapPackUpload());
  if (res.status !== 201) throw new Error(`set-up: map pack upload answered ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

/** A whole file as one upload chunk. */
function chunkOf(bytes: Uint8Array<ArrayBuffer>) {
  return {
    method: 'PATCH',
    body: bytes,
    headers: {
      'content-type': CHUNK_CONTENT_TYPE,
      'upload-offset': '0',
      'upload-length': String(bytes.byteLength),
      'upload-media-type': 'image/jpeg',
    },
  };
}

const AT = '2026-11-24T07:30:00.000Z';

/** A set-up change that wins over the project's creation (whose fields carry the server's clock). */
const AFTER_CREATION = { wall: Date.parse('2026-11-24T08:00:01.000Z') };

/** A project document naming a file (media/projectDocuments.ts). */
function projectDocument(sha256: string, isPublic: boolean) {
  return { sha256, title: 'Rapport', name: 'rapport.pdf', type: 'application/pdf', public: isPublic };
}

/** A photo answer of `username` in the project, uploaded in full; its SHA-256. */
async function photoBy(w: RightsWorld, column: Column | null, username: string, p: string): Promise<string> {
  const { bytes, ref } = fakePhoto(1000);
  const clientId = newClientId();
  const m = submission(clientId, 1, {
    fields: {
      projectId: p,
      formId: PHOTO_FORM.id,
      formVersion: PHOTO_FORM.version,
      data: { site: 'Puits', photo: ref },
    },
  });
  const chunk = chunkOf(bytes);
  if (column) {
    await w.push(column, clientId, [m]);
    await w.request(column, `/api/media/${ref.sha256}`, chunk);
  } else {
    await w.server.push(username, clientId, [m]);
    const token = await w.server.login(username);
    const res = await w.server.request(`/api/media/${ref.sha256}`, { ...chunk, token });
    if (res.status !== 200) throw new Error(`set-up upload: ${res.status}`);
  }
  return ref.sha256;
}

/** A value lost by a concurrent edit of a review in the project (the supervisor's older comment). */
async function lostComment(w: RightsWorld, p: string): Promise<{ submissionId: string }> {
  const s = await w.submissionBy('agent2', p);
  const later = Date.parse('2026-11-24T07:00:00.000Z');
  await w.setUp('focal', (c) =>
    w.change(c, 1, 'reviews', s, review(s, p, { comment: 'A' }), { wall: later }),
  );
  await w.setUp('supervisor', (c) =>
    w.change(c, 1, 'reviews', s, review(s, p, { comment: 'B' }), { wall: later - 1000 }),
  );
  return { submissionId: s };
}

async function conflictIdsSeenBy(w: RightsWorld, column: Column, p: string, submissionId: string) {
  const res = await w.request(column, `/api/conflicts?projectId=${p}`);
  if (res.status !== 200) return { outcome: httpOutcome(res), ids: [] as string[] };
  const { conflicts } = (await res.json()) as { conflicts: { id: string; recordId: string }[] };
  return {
    outcome: '✓' as const,
    ids: conflicts.filter((c) => c.recordId === submissionId).map((c) => c.id),
  };
}

async function pulledSubmissions(w: RightsWorld, column: Column): Promise<Set<string> | Outcome> {
  const ids = new Set<string>();
  let cursor = 0;
  for (;;) {
    const res = await w.request(column, `/api/sync/pull?cursor=${cursor}&limit=1000`);
    if (res.status !== 200) return httpOutcome(res);
    const page = (await res.json()) as { changes: PullChange[]; cursor: number; hasMore: boolean };
    for (const change of page.changes) if (change.table === 'submissions') ids.add(change.id);
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

/** The `members` records the column's pulls carry (their ids). */
async function pulledMembers(w: RightsWorld, column: Column): Promise<Set<string> | Outcome> {
  const ids = new Set<string>();
  let cursor = 0;
  for (;;) {
    const res = await w.request(column, `/api/sync/pull?cursor=${cursor}&limit=1000`);
    if (res.status !== 200) return httpOutcome(res);
    const page = (await res.json()) as { changes: PullChange[]; cursor: number; hasMore: boolean };
    for (const change of page.changes) if (change.table === 'members') ids.add(change.id);
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

/** An agent's signed export file, its device registered by the agent (behind the scenes). */
async function signedFileOf(w: RightsWorld, username: string, p: string): Promise<string> {
  const clientId = newClientId();
  const keys = await newDeviceKeys();
  const registered = await registerDevice(w.server, username, clientId, keys);
  if (registered.status !== 201) throw new Error(`set-up registration: ${registered.status}`);
  const m = submission(clientId, 1, { fields: { projectId: p } });
  const file = await sealFile(
    {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: '2026-11-24T09:00:00.000Z',
      userId: await w.userId(username),
      clientId,
      mutations: [{ ...m, state: 'pending' }],
      submissions: [{ id: m.id }],
      drafts: [],
      media: [],
    },
    keys.privateKey,
  );
  return JSON.stringify(file);
}

export const ACTS: Record<string, Act> = {
  ...USER_ACTS,
  async 'sign-in'(w, column) {
    const username = w.username(column);
    if (!username) return '—';
    const res = await w.server.request('/api/auth/login', { json: { username, password: PASSWORD } });
    return httpOutcome(res);
  },

  async me(w, column) {
    return httpOutcome(await w.request(column, '/api/me'));
  },

  async 'sign-out'(w, column) {
    return httpOutcome(await w.requestAfresh(column, '/api/auth/logout', { method: 'POST', json: {} }));
  },

  async health(w, column) {
    return httpOutcome(await w.request(column, '/api/health'));
  },

  async ready(w, column) {
    return httpOutcome(await w.request(column, '/api/ready'));
  },

  async pull(w, column) {
    const p = await w.project();
    const colleagues = await w.submissionBy('agent2', p);
    const own = column === 'agent' ? await w.submissionBy('agent', p) : null;
    const seen = await pulledSubmissions(w, column);
    if (!(seen instanceof Set)) return seen;
    return ownOutcome(own && seen.has(own) ? '✓' : '✗', seen.has(colleagues) ? '✓' : '✗');
  },

  async 'pull-members'(w, column) {
    const p = await w.project();
    const seen = await pulledMembers(w, column);
    if (!(seen instanceof Set)) return seen;
    return seen.has(memberId(p, await w.userId('agent2'))) ? '✓' : '✗';
  },

  async 'push-submission'(w, column) {
    const p = await w.project();
    return pushOutcome(await w.pushOne(column, (c) => submission(c, 1, { fields: { projectId: p } })));
  },

  async correct(w, column) {
    const p = await w.project();
    const s = await w.submissionBy('agent2', p);
    return pushOutcome(
      await w.pushOne(column, (c) => submission(c, 1, { fields: { projectId: p, replaces: s } })),
    );
  },

  'review-verify': (w, column) => reviewAct(w, column, null, { status: 'verified' }),
  'review-approve': (w, column) => reviewAct(w, column, null, { status: 'approved' }),
  'review-reopen': (w, column) =>
    reviewAct(w, column, { by: 'supervisor', fields: { status: 'approved' } }, { status: null }),
  'review-withdraw': (w, column) =>
    reviewAct(w, column, { by: 'focal', fields: { status: 'verified' } }, {}, 'delete'),

  async 'review-history'(w, column) {
    const p = await w.project();
    const s = await w.submissionBy('agent2', p);
    const event = { targetTable: 'submissions', targetId: s, projectId: p, status: 'verified', at: AT };
    return pushOutcome(await w.pushOne(column, (c) => w.change(c, 1, 'reviewEvents', randomUUID(), event)));
  },

  async 'org-create'(w, column) {
    const id = `org-new-${randomUUID()}`;
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'organisations', id, { name: 'ONG', type: '22' })),
    );
  },

  async 'org-edit-own'(w, column) {
    const p = await w.project();
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'organisations', `org-${p}`, { acronym: 'X' })),
    );
  },

  async 'org-edit-shared'(w, column) {
    const p = await w.project();
    // Project B, of which only the other project's supervisor is a member, names the same organisation.
    await w.project({ organisationId: `org-${p}`, members: ['othersup'] });
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'organisations', `org-${p}`, { acronym: 'X' })),
    );
  },

  async 'org-delete-named'(w, column) {
    const p = await w.project();
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'organisations', `org-${p}`, {}, { op: 'delete' })),
    );
  },

  async 'project-create'(w, column) {
    const id = `projet-nouveau-${randomUUID()}`;
    return pushOutcome(
      await w.pushOne(column, (c) =>
        w.change(c, 1, 'projects', id, { code: 'NEW', title: { fr: 'Nouveau' } }),
      ),
    );
  },

  async 'project-edit'(w, column) {
    const p = await w.project();
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'projects', p, { status: 'finalisation' })),
    );
  },

  async 'project-delete'(w, column) {
    const p = await w.project();
    return pushOutcome(await w.pushOne(column, (c) => w.change(c, 1, 'projects', p, {}, { op: 'delete' })));
  },

  async 'indicator-edit'(w, column) {
    const p = await w.project();
    const fields = { projectId: p, code: 'HH-1', title: { fr: 'Ménages' } };
    return pushOutcome(await w.pushOne(column, (c) => w.change(c, 1, 'indicators', `ind-new-${p}`, fields)));
  },

  async 'transaction-edit'(w, column) {
    const p = await w.project();
    const fields = {
      projectId: p,
      type: '3',
      date: '2026-03-15',
      value: 1000,
      currency: 'XOF',
      valueDate: '2026-03-15',
    };
    return pushOutcome(await w.pushOne(column, (c) => w.change(c, 1, 'transactions', `tr-new-${p}`, fields)));
  },

  async 'planned-edit'(w, column) {
    const p = await w.project();
    const fields = {
      projectId: p,
      periodStart: '2026-04-01',
      periodEnd: '2026-06-30',
      value: 1000,
      currency: 'EUR',
      valueDate: '2026-04-01',
    };
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'plannedDisbursements', `pd-new-${p}`, fields)),
    );
  },

  async 'rate-edit'(w, column) {
    // One month per call: a rate is one record per currency and month, whoever wrote it first.
    const month = `20${String(10 + ++rateMonths).padStart(2, '0')}-01`;
    const fields = { currency: 'EUR', month, xofPerUnit: 655.957 };
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'exchangeRates', `EUR:${month}`, fields)),
    );
  },

  async 'value-enter'(w, column) {
    const p = await w.project();
    const { identity } = await indicatorOf(w, p);
    return pushOutcome(
      await w.pushOne(column, (c) =>
        w.change(c, 1, 'indicatorValues', `val-new-${p}`, { ...identity, value: 5 }),
      ),
    );
  },

  async 'value-approve'(w, column) {
    const p = await w.project();
    const { value, identity } = await indicatorOf(w, p, { value: 5 });
    return pushOutcome(
      await w.pushOne(column, (c) =>
        w.change(c, 1, 'indicatorValues', value, { ...identity, reviewStatus: 'approved' }),
      ),
    );
  },

  async 'value-overwrite'(w, column) {
    const p = await w.project();
    const { value, identity } = await indicatorOf(w, p, { value: 5 });
    await w.setUp('supervisor', (c) =>
      w.change(c, 1, 'indicatorValues', value, { ...identity, reviewStatus: 'approved' }),
    );
    return pushOutcome(
      await w.pushOne(column, (c) => w.change(c, 1, 'indicatorValues', value, { ...identity, value: 99 })),
    );
  },

  async 'form-publish'(w, column) {
    const p = await w.project();
    const body = formUpload('type,name,label\ninteger,age,Âge\n', 'Age.csv');
    return httpOutcome(await w.request(column, `/api/projects/${p}/forms`, { body }));
  },

  async 'form-check'(w, column) {
    const p = await w.project();
    const body = formUpload('type,name,label\ninteger,age,Âge\n', 'Age.csv');
    return httpOutcome(await w.request(column, `/api/projects/${p}/forms/check`, { body }));
  },

  async 'form-archive'(w, column) {
    const p = await w.project();
    const body = formUpload('type,name,label\ninteger,age,Âge\n', 'Age.csv');
    const published = await w.request('admin', `/api/projects/${p}/forms`, { body });
    if (published.status !== 201) throw new Error(`set-up: publishing answered ${published.status}`);
    const json = { archived: true };
    return httpOutcome(await w.request(column, `/api/projects/${p}/forms/age/archive`, { json }));
  },

  async 'form-file'(w, column) {
    const p = await w.project();
    const body = formUpload('type,name,label,media::image\nnote,well,Le puits,well.png\n', 'Well.csv');
    body.append('media', new File([FORM_PNG.slice()], 'well.png'));
    const published = await w.request('admin', `/api/projects/${p}/forms`, { body });
    if (published.status !== 201) throw new Error(`set-up: publishing answered ${published.status}`);
    const path = `/api/projects/${p}/forms/well/versions/202611240800/files/well.png`;
    return httpOutcome(await w.request(column, path));
  },

  async 'media-download'(w, column) {
    const p = await w.project();
    const colleagues = await photoBy(w, null, 'agent2', p);
    const outcome = httpOutcome(await w.request(column, `/api/media/${colleagues}`));
    if (column !== 'agent') return outcome;
    const own = await photoBy(w, column, 'agent', p);
    return ownOutcome(httpOutcome(await w.request(column, `/api/media/${own}`)), outcome);
  },

  async 'media-upload'(w, column) {
    const { bytes, ref } = fakePhoto(1000);
    return httpOutcome(await w.request(column, `/api/media/${ref.sha256}`, chunkOf(bytes)));
  },

  async 'media-head'(w, column) {
    const p = await w.project();
    const sha256 = await photoBy(w, null, 'agent2', p);
    return httpOutcome(await w.request(column, `/api/media/${sha256}`, { method: 'HEAD' }));
  },

  async 'document-add'(w, column) {
    const p = await w.project();
    const documents = [projectDocument(fakePhoto(100).ref.sha256, false)];
    return pushOutcome(await w.pushOne(column, (c) => w.change(c, 1, 'projects', p, { documents })));
  },

  async 'document-publish'(w, column) {
    const p = await w.project();
    const sha256 = fakePhoto(100).ref.sha256;
    await w.setUp('supervisor', (c) =>
      w.change(c, 1, 'projects', p, { documents: [projectDocument(sha256, false)] }, AFTER_CREATION),
    );
    const documents = [projectDocument(sha256, true)];
    return pushOutcome(await w.pushOne(column, (c) => w.change(c, 1, 'projects', p, { documents })));
  },

  async 'document-download'(w, column) {
    const p = await w.project();
    const { bytes, ref } = fakePhoto(1000);
    await w.setUp('supervisor', (c) =>
      w.change(c, 1, 'projects', p, { documents: [projectDocument(ref.sha256, false)] }, AFTER_CREATION),
    );
    const token = await w.server.login('supervisor');
    const res = await w.server.request(`/api/media/${ref.sha256}`, { ...chunkOf(bytes), token });
    if (res.status !== 200) throw new Error(`set-up upload: ${res.status}`);
    return httpOutcome(await w.request(column, `/api/media/${ref.sha256}`));
  },

  async 'export-csv'(w, column) {
    const p = await w.project();
    const colleagues = await w.submissionBy('agent2', p);
    const own = column === 'agent' ? await w.submissionBy('agent', p) : null;
    const res = await w.request(column, `/api/export/csv?form=${DEMO_FORM.id}&project=${p}`);
    if (res.status !== 200) return httpOutcome(res);
    const csv = await res.text();
    return ownOutcome(own && csv.includes(own) ? '✓' : '✗', csv.includes(colleagues) ? '✓' : '✗');
  },

  async 'export-personal'(w, column) {
    const p = await w.project();
    await w.submissionBy('agent2', p);
    const path = `/api/export/csv?form=${DEMO_FORM.id}&project=${p}&includePersonal=true`;
    const res = await w.request(column, path);
    if (res.status !== 200) return httpOutcome(res);
    // The demo form's respondent name is personal: it is there only when the right was granted.
    return (await res.text()).includes(DEMO_ANSWERS.respondent_name) ? '✓' : '✗';
  },

  async 'person-search'(w, column) {
    const p = await w.project();
    const s = await w.submissionBy('agent2', p);
    const res = await w.request(column, `/api/projects/${p}/person-search`, { json: { q: 'Aminata' } });
    if (res.status !== 200) return httpOutcome(res);
    const found = (await res.json()) as { matches: { id: string }[] };
    return found.matches.some((m) => m.id === s) ? '✓' : '✗';
  },

  async 'person-export'(w, column) {
    const p = await w.project();
    await w.submissionBy('agent2', p);
    const json = { q: 'Aminata', format: 'json' };
    const res = await w.request(column, `/api/projects/${p}/person-search/export`, { json });
    if (res.status !== 200) return httpOutcome(res);
    return (await res.text()).includes(DEMO_ANSWERS.respondent_name) ? '✓' : '✗';
  },

  async 'export-iati'(w, column) {
    const p = await w.project();
    const activities = httpOutcome(await w.request(column, `/api/export/iati?project=${p}`));
    // The organisation file is the same publication, under the same right.
    const organisations = httpOutcome(await w.request(column, `/api/export/iati-organisations?project=${p}`));
    if (activities !== organisations)
      throw new Error(`iati ${activities}, iati-organisations ${organisations}`);
    return activities;
  },

  async import(w, column) {
    const p = await w.project();
    const file = await signedFileOf(w, 'agent2', p);
    return httpOutcome(
      await w.request(column, '/api/sync/import', {
        body: file,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
  },

  async 'conflicts-list'(w, column) {
    const p = await w.project();
    const { submissionId } = await lostComment(w, p);
    const seen = await conflictIdsSeenBy(w, column, p, submissionId);
    if (seen.outcome !== '✓') return seen.outcome;
    return seen.ids.length > 0 ? '✓' : '✗';
  },

  async 'conflicts-restore'(w, column) {
    const p = await w.project();
    const { submissionId } = await lostComment(w, p);
    const [id] = (await conflictIdsSeenBy(w, 'admin', p, submissionId)).ids;
    if (!id) throw new Error('set-up: no conflict logged');
    return httpOutcome(await w.request(column, `/api/conflicts/${id}/restore`, { method: 'POST', json: {} }));
  },

  async 'device-other'(w, column) {
    const clientId = newClientId();
    const theirs = await registerDevice(w.server, 'agent2', clientId, await newDeviceKeys());
    if (theirs.status !== 201) throw new Error(`set-up registration: ${theirs.status}`);
    const mine = await newDeviceKeys();
    return httpOutcome(
      await w.request(column, '/api/devices', { json: { clientId, publicKey: await publicJwk(mine) } }),
    );
  },

  async 'device-own'(w, column) {
    const publicKey = await publicJwk(await newDeviceKeys());
    return httpOutcome(
      await w.requestAfresh(column, '/api/devices', { json: { clientId: newClientId(), publicKey } }),
    );
  },

  async 'server-key'(w, column) {
    return httpOutcome(await w.request(column, '/api/server-key'));
  },

  async 'push-sealed-other'(w, column) {
    const p = await w.project();
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    const registered = await registerDevice(w.server, 'agent2', clientId, keys);
    if (registered.status !== 201) throw new Error(`set-up registration: ${registered.status}`);
    const serverKey = ServerKeyResponse.parse(await (await w.request('admin', '/api/server-key')).json());
    const { mutationId: _m, clientId: _c, ...m } = submission(clientId, 1, { fields: { projectId: p } });
    const box = await sealForServer(serverKey, new TextEncoder().encode(JSON.stringify(m)));
    const changes = [{ seq: 1, box, signature: await signSealed(keys.privateKey, clientId, 1, box) }];
    const res = await w.request(column, '/api/sync/push-sealed', {
      json: { protocol: 4, clientId, changes },
    });
    if (res.status !== 200) return httpOutcome(res);
    return pushOutcome({ status: 200, results: ((await res.json()) as PushOutcome).results });
  },

  async 'sealed-file-other'(w, column) {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    const registered = await registerDevice(w.server, 'agent2', clientId, keys);
    if (registered.status !== 201) throw new Error(`set-up registration: ${registered.status}`);
    const serverKey = ServerKeyResponse.parse(await (await w.request('admin', '/api/server-key')).json());
    const { ct, request } = await sealedFile(serverKey, keys.privateKey, clientId, fakePhoto(1000).bytes);
    const upload = await w.request(column, `/api/media/${request.sealedSha256}`, chunkOf(ct));
    if (upload.status !== 200) return httpOutcome(upload);
    return httpOutcome(await w.request(column, '/api/media/sealed', { json: request }));
  },

  async erase(w, column) {
    const p = await w.project();
    const s = await w.submissionBy('agent2', p);
    return httpOutcome(
      await w.request(column, `/api/submissions/${s}/erase`, { json: { reason: 'DSR-2026-1' } }),
    );
  },

  async 'push-other-device'(w, column) {
    const p = await w.project();
    const clientId = newClientId();
    await w.server.push('agent2', clientId, [submission(clientId, 1, { fields: { projectId: p } })]);
    return pushOutcome(
      await w.push(column, clientId, [submission(clientId, 2, { fields: { projectId: p } })]),
    );
  },

  async 'map-pack-list'(w, column) {
    const p = await w.project();
    return httpOutcome(await w.request(column, `/api/projects/${p}/map-packs`));
  },

  async 'map-pack-upload'(w, column) {
    const p = await w.project();
    return httpOutcome(await w.request(column, `/api/projects/${p}/map-packs`, await mapPackUpload()));
  },

  async 'map-pack-download'(w, column) {
    const id = await mapPackOf(w, await w.project());
    return httpOutcome(
      await w.request(column, `/api/map-packs/${id}/file`, { headers: { range: 'bytes=0-99' } }),
    );
  },

  async 'map-pack-delete'(w, column) {
    const id = await mapPackOf(w, await w.project());
    return httpOutcome(await w.request(column, `/api/map-packs/${id}`, { method: 'DELETE' }));
  },

  async 'iati-import'(w, column) {
    const xml =
      '<iati-activities version="2.03"><iati-activity><iati-identifier>XM-DAC-41114-R1</iati-identifier>' +
      '<title><narrative>Rights</narrative></title></iati-activity></iati-activities>';
    return httpOutcome(
      await w.request(column, '/api/iati/import?dryRun=1', {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: xml,
      }),
    );
  },
};
