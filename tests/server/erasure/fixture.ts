import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { CHUNK_CONTENT_TYPE } from '../../../src/core/sync/media';
import type { WireMutation } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import type { Database } from '../../../src/server/storage/schema';
import type { Storage } from '../../../src/server/storage/Storage';
import { newClientId, submission, type TestServer } from '../harness';
import { fakePhoto, PHOTO_FORM, publishPhotoForm, sha256Hex } from '../media/photoForm';

/** A string that stands for a person's data: after an erasure it must be nowhere on the server. */
export const MARKER = 'Awa-Traore-77-12-34-56';

const START = Date.parse('2026-11-24T07:00:00.000Z');
let tick = 0;

/** A change at a fresh clock in the past (never clamped), or at `wall`. */
export function change(
  clientId: string,
  seq: number,
  table: string,
  id: string,
  fields: Record<string, unknown>,
  wall = START + ++tick * 1000,
): WireMutation {
  return {
    mutationId: randomUUID(),
    clientId,
    seq,
    hlc: encodeHlc({ wall, counter: 0, node: clientId }),
    table,
    id,
    op: 'put',
    fields,
  };
}

/** The Kysely handle under a storage, to read rows as someone with database access could. */
export const rawDb = (storage: Storage) => (storage as unknown as { db: Kysely<Database> }).db;

/** Uploads a whole file as `username`. */
export async function upload(server: TestServer, username: string, bytes: Uint8Array<ArrayBuffer>) {
  const res = await server.request(`/api/media/${sha256Hex(bytes)}`, {
    method: 'PATCH',
    token: await server.login(username),
    body: bytes,
    headers: {
      'content-type': CHUNK_CONTENT_TYPE,
      'upload-offset': '0',
      'upload-length': String(bytes.byteLength),
      'upload-media-type': 'image/jpeg',
    },
  });
  expect(res.status).toBe(200);
}

/** A photo submission of `username` (pushed, its file uploaded); returns the submission id. */
export async function photoSubmission(
  server: TestServer,
  username: string,
  photo: ReturnType<typeof fakePhoto>,
  extra: { replaces?: string; site?: string; clientId?: string; seq?: number } = {},
): Promise<string> {
  const clientId = extra.clientId ?? newClientId();
  const m = submission(clientId, extra.seq ?? 1, {
    fields: {
      formId: PHOTO_FORM.id,
      formVersion: PHOTO_FORM.version,
      data: { site: extra.site ?? `Chez ${MARKER}`, photo: photo.ref },
      replaces: extra.replaces ?? null,
    },
  });
  const { body } = await server.push(username, clientId, [m], 4);
  expect(body.results[0]?.status, JSON.stringify(body)).toBe('applied');
  await upload(server, username, photo.bytes);
  return m.id;
}

/** Pushes one change as `username` from a device of its own; returns its result. */
export async function pushOne(
  server: TestServer,
  username: string,
  make: (clientId: string) => WireMutation,
) {
  const clientId = newClientId();
  const { body } = await server.push(username, clientId, [make(clientId)], 4);
  return body.results[0];
}

export interface ErasableChain {
  /** The agent's submission, and the focal point's correction of it. */
  s1: string;
  s2: string;
  /** Another agent's submission naming the same photo as the correction. */
  other: string;
  /** The photo only s1 names, and the one s2 shares with `other`. */
  own: ReturnType<typeof fakePhoto>;
  shared: ReturnType<typeof fakePhoto>;
  /** The review event of s2. */
  eventId: string;
}

/**
 * A submission with everything an erasure removes: a correction (a chain of two versions), photos (one its
 * own, one another submission names too), a review with a comment and a conflicting edit of it (a conflict
 * log entry), a review history event, and an agent's refused review; each holding MARKER.
 */
export async function erasableChain(server: TestServer): Promise<ErasableChain> {
  await publishPhotoForm(server.storage, server.clock.now);
  const own = fakePhoto(3000);
  const shared = fakePhoto(2000);
  const s1 = await photoSubmission(server, 'agent', own);
  const other = await photoSubmission(server, 'agent2', shared, { site: 'Puits' });
  const s2 = await photoSubmission(server, 'focal', shared, { replaces: s1, site: `Corrigé ${MARKER}` });
  const review = (fields: Record<string, unknown>) => ({
    submissionId: s2,
    projectId: DEMO_PROJECT.id,
    ...fields,
  });
  const later = START + 500_000;
  const focal = await pushOne(server, 'focal', (c) =>
    change(c, 1, 'reviews', s2, review({ status: 'verified', comment: `Vu ${MARKER}` }), later),
  );
  expect(focal?.status).toBe('applied');
  // An older, concurrent comment of the supervisor: it loses and goes to the conflict log.
  const lost = await pushOne(server, 'supervisor', (c) =>
    change(c, 1, 'reviews', s2, review({ comment: `Ancien ${MARKER}` }), later - 1000),
  );
  expect(lost?.status).toBe('conflict');
  const eventId = randomUUID();
  const event = await pushOne(server, 'focal', (c) =>
    change(c, 1, 'reviewEvents', eventId, {
      targetTable: 'submissions',
      targetId: s2,
      projectId: DEMO_PROJECT.id,
      status: 'verified',
      comment: `Vu ${MARKER}`,
      at: '2026-11-24T07:40:00.000Z',
    }),
  );
  expect(event?.status).toBe('applied');
  const refused = await pushOne(server, 'agent', (c) =>
    change(c, 1, 'reviews', s1, { submissionId: s1, projectId: DEMO_PROJECT.id, comment: MARKER }),
  );
  expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });
  return { s1, s2, other, own, shared, eventId };
}

/** Every stored text that holds MARKER, as `table.column`: empty once the chain is erased. */
export async function whereMarkerIs(storage: Storage): Promise<string[]> {
  const db = rawDb(storage);
  const like = `%${MARKER}%`;
  const found: string[] = [];
  const count = async (name: string, query: { execute(): Promise<unknown[]> }) => {
    if ((await query.execute()).length > 0) found.push(name);
  };
  await count('entities.data', db.selectFrom('entities').select('id').where('data', 'like', like));
  await count(
    'entities.field_state',
    db.selectFrom('entities').select('id').where('field_state', 'like', like),
  );
  await count('audit_log.details', db.selectFrom('audit_log').select('seq').where('details', 'like', like));
  await count(
    'rejected_mutations.payload',
    db.selectFrom('rejected_mutations').select('seq').where('payload', 'like', like),
  );
  await count(
    'rejected_mutations.details',
    db.selectFrom('rejected_mutations').select('seq').where('details', 'like', like),
  );
  for (const column of ['losing_value', 'winning_value'] as const)
    await count(`conflicts.${column}`, db.selectFrom('conflicts').select('id').where(column, 'like', like));
  return found;
}

/** `POST /api/submissions/:id/erase` as `username`. */
export async function eraseAs(
  server: TestServer,
  username: string,
  id: string,
  body: unknown = { reason: 'DSR-2026-14' },
) {
  const res = await server.request(`/api/submissions/${encodeURIComponent(id)}/erase`, {
    token: await server.login(username),
    json: body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
