import { randomUUID } from 'node:crypto';
import type { FormDefinition } from '../../src/core/forms/definition';
import { encodeHlc } from '../../src/core/hlc';
import type { Role } from '../../src/core/records/user';
import type { SubmissionFields } from '../../src/core/records/submission';
import type { Mutation, PullResponse, PushResponse, WireMutation } from '../../src/core/sync/protocol';
import { createAccount } from '../../src/server/accounts';
import { createApp, type AppOptions } from '../../src/server/app';
import { TEST_PASSWORD_COST } from '../../src/server/auth/passwords';
import { DEFAULT_LIMITS, type ServerLimits } from '../../src/server/limits/config';
import { publishFormVersion, publishProject } from '../../src/server/catalog';
import { DEMO_ANSWERS, DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { seedDemo } from '../../src/server/seed/demoSeed';
import type { Storage } from '../../src/server/storage/Storage';
import type { Backend } from './backends';

export const PASSWORD = 'test-password-1';
export const OTHER_PROJECT = 'autre-projet-tombouctou';
const START = new Date('2026-11-24T08:00:00.000Z');

export interface RequestOptions {
  method?: string;
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/**
 * A real app on a fresh database: the demo seed (admin, supervisor, focal, agent), a second agent in the demo
 * project and an agent of another project. The clock is the test's to move.
 */
/**
 * The limits of test servers: no request rate limits, since a test's clock stands still and a whole file of
 * requests falls in one window (tests/server/limits sets its own).
 */
export const TEST_LIMITS: ServerLimits = { ...DEFAULT_LIMITS, rate: null };

export async function setupServer(
  backend: Backend,
  options: Partial<
    Pick<
      AppOptions,
      'staticDir' | 'trustProxy' | 'tokenTtlDays' | 'limits' | 'idleLockMinutes' | 'log' | 'metricsToken'
    >
  > = {},
) {
  const { storage, cleanup } = await backend.create();
  const clock = { now: new Date(START) };
  await seedDemo(storage, { password: PASSWORD, now: clock.now, passwordCost: TEST_PASSWORD_COST });
  await storage.transaction(async (tx) => {
    await publishProject(
      tx,
      {
        id: OTHER_PROJECT,
        code: 'AP-TBT',
        title: { fr: 'Autre projet' },
        organisationId: null,
        status: 'active',
      },
      null,
      clock.now,
    );
    const extra: [string, Role, string][] = [
      ['agent2', 'agent', DEMO_PROJECT.id],
      ['outsider', 'agent', OTHER_PROJECT],
    ];
    for (const [username, role, project] of extra) {
      await createAccount(
        tx,
        { username, displayName: username, role, password: PASSWORD, projectIds: [project] },
        clock.now,
        TEST_PASSWORD_COST,
      );
    }
  });
  const app = createApp({ storage, now: () => clock.now, limits: TEST_LIMITS, ...options });

  async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(opts.json);
    }
    return app.request(path, { method: opts.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  }

  const tokens = new Map<string, string>();
  async function login(username: string): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await request('/api/auth/login', { json: { username, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    tokens.set(username, token);
    return token;
  }

  async function push(username: string, clientId: string, mutations: WireMutation[], protocol?: number) {
    const res = await request('/api/sync/push', {
      token: await login(username),
      json: { ...(protocol === undefined ? {} : { protocol }), clientId, mutations },
    });
    return {
      status: res.status,
      body: (await res.json()) as PushResponse & { error?: { code: string; details?: unknown } },
    };
  }

  async function pull(username: string, cursor = 0, limit = 500): Promise<PullResponse> {
    // As today's app asks: form versions by their project keys.
    const res = await request(`/api/sync/pull?cursor=${cursor}&limit=${limit}&formKeys=project`, {
      token: await login(username),
    });
    if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
    return (await res.json()) as PullResponse;
  }

  /** Every change visible to `username`, walking the pages. */
  async function pullAll(username: string, limit = 500): Promise<PullResponse['changes']> {
    const all: PullResponse['changes'] = [];
    let cursor = 0;
    for (;;) {
      const page = await pull(username, cursor, limit);
      all.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return all;
    }
  }

  return { storage, app, clock, request, login, push, pull, pullAll, close: cleanup };
}

export type TestServer = Awaited<ReturnType<typeof setupServer>>;

/** Publishes `definition` as a version of its form in the demo project (or `projectId`), at `at`. */
export async function publishDefinition(
  storage: Storage,
  definition: FormDefinition,
  at: Date,
  projectId: string = DEMO_PROJECT.id,
): Promise<void> {
  const version = {
    formId: definition.id,
    version: definition.version,
    projectId,
    publishedAt: at.toISOString(),
    definition,
  };
  await storage.transaction((tx) => publishFormVersion(tx, version, null, at));
}

export function newClientId(): string {
  return `dev_${randomUUID().replaceAll('-', '')}`.slice(0, 40);
}

/** A valid submission `put` for the demo form; override fields or answers to make it invalid. */
export function submission(
  clientId: string,
  seq: number,
  overrides: { id?: string; fields?: Partial<SubmissionFields>; answers?: Record<string, unknown> } = {},
): Mutation {
  return {
    mutationId: randomUUID(),
    clientId,
    seq,
    hlc: encodeHlc({ wall: START.getTime(), counter: seq % 100_000, node: clientId }),
    table: 'submissions',
    id: overrides.id ?? randomUUID(),
    op: 'put',
    fields: {
      formId: DEMO_FORM.id,
      formVersion: DEMO_FORM.version,
      projectId: DEMO_PROJECT.id,
      data: { ...DEMO_ANSWERS, ...overrides.answers },
      startedAt: '2026-11-24T07:30:00.000Z',
      finalizedAt: '2026-11-24T07:45:00.000Z',
      replaces: null,
      ...overrides.fields,
    },
  };
}
