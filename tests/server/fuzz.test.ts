import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/server/storage/Storage';
import { backends } from './backends';
import { setupServer, type TestServer } from './harness';

/**
 * A bounded fuzz of the whole API: generated malformed and hostile requests (bad bodies, types, sizes,
 * encodings, nesting, tokens, ids, paths and headers) across auth, push, pull, media, forms, import and
 * export. Whatever arrives, the server answers below 500, and the records people rely on are unchanged.
 *
 * "Unchanged" is the tables that hold data and rights: records, versions, conflicts, accounts and their
 * memberships, projects, files. What the server is meant to write when it refuses something is left out:
 * the audit log and throttles (a refused sign-in is recorded), the device's seq and its stored rejections
 * (a refused change is kept so nothing is lost), unfinished uploads (cleaned after a delay), device keys.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

const SNAPSHOT_TABLES: Record<string, string> = {
  entities:
    'select tbl, id, project_id, data, deleted, server_seq, field_state from entities order by tbl, id',
  users: 'select id, username, role, disabled, password_hash from users order by id',
  project_members: 'select project_id, user_id from project_members order by project_id, user_id',
  projects: 'select id from projects order by id',
  submission_versions: 'select id, root_id, superseded_by from submission_versions order by id',
  conflicts: 'select id, restored_at from conflicts order by id',
  media_blobs: 'select sha256, user_id, size from media_blobs order by sha256',
  media_refs: 'select sha256, submission_id from media_refs order by sha256, submission_id',
  counters: "select name, value from counters where name = 'server_seq'",
};

async function snapshot(storage: Storage): Promise<Record<string, unknown[]>> {
  const db = (storage as unknown as { db: Kysely<unknown> }).db;
  const out: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(SNAPSHOT_TABLES))
    out[name] = (await sql.raw(query).execute(db)).rows.map((row) => JSON.stringify(row));
  return out;
}

/** Values chosen to break parsers, validators, SQL and path handling. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    "'; drop table entities; --",
    '%00',
    '\u0000',
    '__proto__',
    'constructor',
    'synergie-nord-gao',
    'autre-projet-tombouctou',
    'a'.repeat(5000),
    '\ud800',
    '1e309',
    'NaN',
    '-1',
    '<script>alert(1)</script>',
  ),
);

/** What an HTTP header can carry: Latin-1 without control characters (fetch refuses the rest itself). */
const headerValue = hostileString.map((v) => v.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').trim());

/**
 * JSON nested thousands deep, written straight as text when the body is serialized (see `serialize`): built
 * as an object, it would overflow the stack of the test itself before reaching the server.
 */
class Deep {
  constructor(readonly depth: number) {}
  text(): string {
    return `${'{"x":['.repeat(this.depth)}"bottom"${']}'.repeat(this.depth)}`;
  }
}
const deepJson = fc.integer({ min: 50, max: 12_000 }).map((depth) => new Deep(depth));

/** JSON.stringify, with each Deep written as its text. */
function serialize(value: unknown): string {
  const deep: Deep[] = [];
  const text =
    JSON.stringify(value, (_key, v: unknown) => {
      if (!(v instanceof Deep)) return v;
      deep.push(v);
      return `\u0000deep${deep.length - 1}\u0000`;
    }) ?? 'undefined';
  return text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_m, i: string) => deep[Number(i)]!.text());
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, Number.MAX_SAFE_INTEGER, -0, 1e308),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 5 }),
  deepJson,
  fc.constant(
    Object.fromEntries([
      ['__proto__', { admin: true }],
      ['constructor', { prototype: 1 }],
    ]),
  ),
);

const TABLES = [
  'submissions',
  'reviews',
  'organisations',
  'projects',
  'indicators',
  'indicatorValues',
  'reviewEvents',
  'users',
  'tokens',
  '',
];

/** A push whose every mutation is wrong somewhere: a made-up form, project or record, or a broken field. */
const hostileMutation = fc.record({
  seq: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, -1, 1.5, 2 ** 53, 'one')),
  hlc: fc.oneof(fc.constant('001763912345678:00000:fuzzclient'), hostileString),
  table: fc.oneof(fc.constantFrom(...TABLES), hostileString),
  id: fc.oneof(
    fc.uuid().map((u) => `fuzz-${u}`),
    hostileString,
  ),
  op: fc.oneof(fc.constantFrom('put', 'delete'), hostileString),
  fields: fc.oneof(
    fc.dictionary(hostileString, hostileValue, { maxKeys: 6 }),
    fc.record({
      formId: fc.constantFrom('fuzz_form', 'household_survey'),
      formVersion: fc.constantFrom('fuzz', '0'),
      projectId: fc.constantFrom('fuzz-project', 'synergie-nord-gao'),
      data: hostileValue,
      submissionId: hostileString,
      status: hostileValue,
      deleted: hostileValue,
    }),
    hostileValue,
  ),
});

const pushBody = fc.record(
  {
    protocol: fc.oneof(fc.constantFrom(1, 2, 3, 4, 0), hostileValue),
    clientId: fc.oneof(fc.constantFrom('fuzzclient01', 'fuzzclient02'), hostileString),
    mutations: fc.oneof(fc.array(hostileMutation, { maxLength: 4 }), hostileValue),
  },
  { requiredKeys: [] },
);

type Role = 'none' | 'garbage' | 'agent' | 'focal' | 'supervisor' | 'admin' | 'outsider';
const role = fc.constantFrom<Role>('none', 'garbage', 'agent', 'focal', 'supervisor', 'admin', 'outsider');

interface FuzzRequest {
  method: string;
  path: string;
  role: Role;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const bytes = fc.uint8Array({ maxLength: 3000 });
const encoding = fc.constantFrom(undefined, 'gzip', 'identity', 'br', 'gzip, gzip', '');
const jsonType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/json; charset=utf-8',
  'multipart/form-data; boundary=x',
  '',
);

/** A JSON body, sent as it is, gzip-compressed, or as bytes that are not what the headers say. */
function bodyOf(value: fc.Arbitrary<unknown>) {
  return fc
    .tuple(value, fc.constantFrom('plain', 'gzip', 'truncated', 'garbage'), bytes)
    .map(([v, how, raw]) => {
      const text = serialize(v);
      if (how === 'gzip') return { body: gzipSync(text) as Uint8Array, gzip: true };
      if (how === 'truncated') return { body: text.slice(0, Math.max(0, text.length - 3)), gzip: false };
      if (how === 'garbage') return { body: raw, gzip: true };
      return { body: text, gzip: false };
    });
}

const jsonRequest = (method: string, path: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) =>
  fc
    .record({ path, role, type: jsonType, encoding, body: bodyOf(value) })
    .map(({ path: p, role: r, type, encoding: enc, body }): FuzzRequest => ({
      method,
      path: p,
      role: r,
      headers: {
        ...(type ? { 'content-type': type } : {}),
        ...(body.gzip && enc !== undefined ? { 'content-encoding': enc } : {}),
      },
      body: body.body,
    }));

const segment = fc.oneof(
  hostileString.map((v) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))),
  fc.stringMatching(/^[0-9a-f]{64}$/),
);
const query = fc
  .dictionary(
    fc.constantFrom(
      'cursor',
      'limit',
      'protocol',
      'scope',
      'project',
      'includePersonal',
      'geoPrecision',
      'form',
      'lang',
      'codes',
      'state',
      'projectId',
      'x',
    ),
    hostileString,
    { maxKeys: 4 },
  )
  .map((q) => `?${new URLSearchParams(q).toString()}`);

const multipart = fc
  .tuple(bytes, fc.boolean(), fc.constantFrom('form.xlsx', 'f.csv', 'x.xls', '', '../x.csv'))
  .map(([raw, cut, name]) => {
    const boundary = 'fuzzboundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const zipLike = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...raw]);
    const full = Buffer.concat([Buffer.from(head), zipLike, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return {
      body: new Uint8Array(cut ? full.subarray(0, Math.floor(full.length / 2)) : full),
      type: `multipart/form-data; boundary=${boundary}`,
    };
  });

const requests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  jsonRequest(
    'POST',
    fc.constant('/api/auth/login'),
    fc.oneof(fc.record({ username: hostileValue, password: hostileValue }), hostileValue),
  ),
  jsonRequest('POST', fc.constant('/api/sync/push'), pushBody),
  jsonRequest(
    'POST',
    fc.constant('/api/sync/push-sealed'),
    fc.record({
      protocol: fc.oneof(fc.constantFrom(3, 4), hostileValue),
      clientId: fc.oneof(fc.constantFrom('fuzzclient01'), hostileString),
      changes: fc.oneof(
        fc.array(
          fc.record({
            seq: fc.oneof(fc.integer({ min: 1, max: 3 }), hostileValue),
            box: fc.oneof(
              fc.record({
                v: fc.constantFrom(1, 2),
                keyId: fc.oneof(fc.constant('k1'), hostileString),
                epk: fc.oneof(
                  fc.record({
                    kty: fc.constant('EC'),
                    crv: fc.constant('P-256'),
                    x: hostileString,
                    y: hostileString,
                  }),
                  hostileValue,
                ),
                iv: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{16}$/), hostileString),
                ct: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/), hostileString),
              }),
              hostileValue,
            ),
            signature: fc.oneof(fc.stringMatching(/^es256:[A-Za-z0-9_-]{86}$/), hostileString),
          }),
          { maxLength: 3 },
        ),
        hostileValue,
      ),
    }),
  ),
  jsonRequest(
    'POST',
    fc.constant('/api/media/sealed'),
    fc.oneof(
      hostileValue,
      fc.record({
        protocol: fc.oneof(fc.constant(4), hostileValue),
        clientId: fc.oneof(fc.constantFrom('fuzzclient01'), hostileString),
        sha256: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), hostileString),
        type: fc.oneof(fc.constantFrom('image/jpeg', 'text/html'), hostileString),
        size: fc.oneof(fc.integer({ min: -1, max: 200_000_000 }), hostileValue),
        sealedSha256: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), hostileString),
        header: fc.oneof(
          fc.record({
            v: fc.constantFrom(1, 2),
            keyId: fc.oneof(fc.constant('k1'), hostileString),
            epk: hostileValue,
            iv: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{16}$/), hostileString),
          }),
          hostileValue,
        ),
        signature: fc.oneof(fc.stringMatching(/^es256:[A-Za-z0-9_-]{86}$/), hostileString),
      }),
    ),
  ),
  fc
    .record({ role })
    .map(({ role: r }): FuzzRequest => ({ method: 'GET', path: '/api/server-key', role: r, headers: {} })),
  jsonRequest(
    'POST',
    fc.constant('/api/sync/import'),
    fc.oneof(
      pushBody,
      hostileValue,
      fc.record({
        format: fc.constant('terrain-unsynced'),
        version: hostileValue,
        userId: hostileString,
        clientId: hostileString,
        mutations: fc.array(hostileMutation, { maxLength: 3 }),
        checksum: hostileString,
      }),
    ),
  ),
  jsonRequest(
    'POST',
    fc.tuple(segment).map(([id]) => `/api/conflicts/${id}/restore`),
    hostileValue,
  ),
  jsonRequest(
    'POST',
    fc.tuple(segment).map(([id]) => `/api/submissions/${id}/erase`),
    fc.oneof(fc.record({ reason: hostileValue }), hostileValue),
  ),
  fc
    .record({
      role,
      q: query,
      path: fc.constantFrom('/api/sync/pull', '/api/me', '/api/conflicts', '/api/health'),
    })
    .map(({ role: r, q, path }): FuzzRequest => ({
      method: 'GET',
      path: `${path}${q}`,
      role: r,
      headers: {},
    })),
  fc
    .record({
      role,
      q: query,
      format: fc.oneof(fc.constantFrom('csv', 'hxl', 'xlsx', 'geojson', 'iati'), segment),
    })
    .map(({ role: r, q, format }): FuzzRequest => ({
      method: 'GET',
      path: `/api/export/${format}${q}`,
      role: r,
      headers: {},
    })),
  jsonRequest(
    'POST',
    fc
      .tuple(fc.oneof(fc.constantFrom('synergie-nord-gao', 'autre-projet-tombouctou'), segment), fc.boolean())
      .map(([project, file]) => `/api/projects/${project}/person-search${file ? '/export' : ''}`),
    fc.oneof(
      hostileValue,
      fc.record(
        {
          q: fc.oneof(fc.constantFrom('Aminata', 'maiga', '76 12'), hostileValue),
          format: fc.oneof(fc.constantFrom('csv', 'hxl', 'xlsx', 'geojson', 'json'), hostileValue),
          lang: hostileValue,
          codes: hostileValue,
          geoPrecision: hostileValue,
        },
        { requiredKeys: ['q'] },
      ),
    ),
  ),
  fc
    .record({
      role,
      method: fc.constantFrom('GET', 'HEAD', 'PATCH', 'DELETE', 'PUT'),
      sha: segment,
      body: bytes,
      offset: headerValue,
      length: headerValue,
      type: fc.constantFrom('application/offset+octet-stream', 'text/html', ''),
      mediaType: headerValue,
    })
    .map(({ role: r, method, sha, body, offset, length, type, mediaType }): FuzzRequest => ({
      method,
      path: `/api/media/${sha}`,
      role: r,
      headers: {
        'upload-offset': offset,
        'upload-length': length,
        'content-type': type,
        'x-media-type': mediaType,
      },
      ...(method === 'PATCH' || method === 'PUT' ? { body } : {}),
    })),
  fc
    .record({
      role,
      project: fc.oneof(fc.constantFrom('synergie-nord-gao', 'autre-projet-tombouctou'), segment),
      form: multipart,
    })
    .map(({ role: r, project, form }): FuzzRequest => ({
      method: 'POST',
      path: `/api/projects/${project}/forms`,
      role: r,
      headers: { 'content-type': form.type },
      body: form.body,
    })),
  fc
    .record({
      role,
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
      path: fc.array(segment, { maxLength: 4 }),
    })
    .map(({ role: r, method, path }): FuzzRequest => ({
      method,
      path: `/api/${path.join('/')}`,
      role: r,
      headers: {},
    })),
);

/** Counterexamples print as a line, not as a body of thousands of brackets. */
function described(req: FuzzRequest): FuzzRequest {
  const size =
    req.body === undefined ? 0 : typeof req.body === 'string' ? req.body.length : req.body.byteLength;
  const head = typeof req.body === 'string' ? ` ${JSON.stringify(req.body.slice(0, 200))}` : '';
  const line = `${req.method} ${req.path.slice(0, 200)} as ${req.role} ${JSON.stringify(req.headers)}, ${size} bytes${head}`;
  return Object.assign(req, { [fc.toStringMethod]: () => line });
}

describe.each(backends)('hostile requests on $name', (backend) => {
  let server: TestServer;
  const tokens: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    server = await setupServer(backend);
    for (const name of ['agent', 'focal', 'supervisor', 'admin', 'outsider'] as const)
      tokens[name] = await server.login(name);
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`answers ${RUNS} generated malformed or hostile requests below 500, changing no record or right`, async () => {
    const before = await snapshot(server.storage);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests.map(described), async (req) => {
        const headers: Record<string, string> = { ...req.headers };
        if (req.role === 'garbage') headers.authorization = 'Bearer not-a-real-token-but-long-enough';
        else if (req.role !== 'none') headers.authorization = `Bearer ${tokens[req.role]}`;
        const res = await server.app.request(req.path, {
          method: req.method,
          headers,
          ...(req.body === undefined ? {} : { body: req.body as BodyInit }),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${req.method} ${req.path.slice(0, 120)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    if (process.env.FUZZ_STATS) console.log([...statuses].sort((a, b) => a[0] - b[0]));
    expect(await snapshot(server.storage)).toEqual(before);
    // The run reached the handlers, not only the sign-in wall.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(401) ?? 0).toBeLessThan(RUNS * 0.6);
  });
});
