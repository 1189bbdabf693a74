import { createApiClient, type ApiClient } from '../../../src/app/api/client';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { FormRecord, SubmissionRecord } from '../../../src/app/db/schema';
import { appendMutation } from '../../../src/app/repositories/appendMutation';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { pullChanges } from '../../../src/app/sync/pull';
import { SyncEngine, type SyncEngineOptions } from '../../../src/app/sync/SyncEngine';
import { formVersionKey } from '../../../src/core/records/formVersion';
import type { ServerLimits } from '../../../src/server/limits/config';
import { SubmissionFields, type Submission } from '../../../src/core/records/submission';
import { DEMO_ANSWERS, DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import type { EntityRecord, Storage } from '../../../src/server/storage/Storage';
import type { Backend } from '../../server/backends';
import { PASSWORD, setupServer, type TestServer } from '../../server/harness';
import { manualTimers, type ScheduledTimer } from '../sync/manualTimers';

/**
 * The real server (Hono app + Kysely storage, demo seed plus `agent2`, see tests/server/harness.ts) and
 * simulated devices (a TerrainDb, the real ApiClient and SyncEngine) talking to it through an in-process
 * `fetch` that can lose, refuse or cut requests on demand.
 */

/** What happens to one request of a device. Requests with no fault queued go through. */
export type Fault =
  | { kind: 'pass' }
  /** Lost before the server saw it (offline, DNS, connection refused). */
  | { kind: 'request_lost' }
  /** The server processed and committed it; the answer never reached the device. */
  | { kind: 'response_lost' }
  /**
   * An HTTP error from the network path (proxy, load balancer, rate limiter). `afterCommit`: the server had
   * processed the request (a gateway timing out on a slow answer), otherwise it never reached the server.
   */
  | { kind: 'status'; status: 429 | 500 | 502 | 503; retryAfter?: string; afterCommit?: boolean }
  /** The request body is cut mid-way (only the first half arrives): the server must refuse it, unapplied. */
  | { kind: 'request_truncated' }
  /** The server committed, but only the first half of the response body arrives. */
  | { kind: 'response_truncated' };

export interface RequestRecord {
  method: string;
  path: string;
  fault: Fault['kind'];
  /** Status the server answered, when it was reached. */
  serverStatus: number | null;
}

const ORIGIN = 'http://terrain.test';

/** A real server on a fresh database of `backend` (see tests/server/harness.ts), without rate limits unless given. */
export function startServer(backend: Backend, limits?: ServerLimits): Promise<TestServer> {
  return setupServer(backend, limits ? { limits } : {});
}

/** The server's app as a `fetch` function: no sockets, the same code path as production from Request on. */
export function appFetch(server: TestServer): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), ORIGIN);
    return server.app.request(`${url.pathname}${url.search}`, init);
  };
}

/** Faults for the next requests of each kind, in order; a request with none queued goes through. */
export interface FaultPlan {
  push?: Fault[];
  /** Requests to /api/media/… (HEAD, chunk uploads and downloads), in order. */
  media?: Fault[];
  pull?: Fault[];
  /** Device registrations (POST /api/devices), in order. */
  devices?: Fault[];
}

/** Wraps `inner` with queues of faults, one per push or pull request, and a log of what each request met. */
export function faultyFetch(inner: typeof fetch): {
  fetch: typeof fetch;
  faults: Required<FaultPlan>;
  log: RequestRecord[];
} {
  const faults: Required<FaultPlan> = { push: [], pull: [], media: [], devices: [] };
  const log: RequestRecord[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), ORIGIN);
    const queue =
      url.pathname === '/api/sync/push'
        ? faults.push
        : url.pathname === '/api/sync/pull'
          ? faults.pull
          : url.pathname.startsWith('/api/media/')
            ? faults.media
            : url.pathname === '/api/devices'
              ? faults.devices
              : [];
    const fault = queue.shift() ?? { kind: 'pass' };
    const record: RequestRecord = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      fault: fault.kind,
      serverStatus: null,
    };
    log.push(record);
    switch (fault.kind) {
      case 'request_lost':
        throw new TypeError('Failed to fetch');
      case 'status': {
        if (fault.afterCommit) {
          const response = await inner(input, init);
          record.serverStatus = response.status;
          await response.arrayBuffer();
        }
        const headers: Record<string, string> = { 'Content-Type': 'text/html' };
        if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
        // A proxy's page, not the API's error body: the client must cope with either.
        return new Response(`<h1>${fault.status}</h1>`, { status: fault.status, headers });
      }
      case 'request_truncated': {
        const body = init?.body;
        if (body === undefined || body === null) break;
        const response = await inner(input, { ...init, body: truncate(body) });
        record.serverStatus = response.status;
        return response;
      }
      case 'response_lost': {
        const response = await inner(input, init);
        record.serverStatus = response.status;
        await response.arrayBuffer();
        throw new TypeError('Network connection was lost');
      }
      case 'response_truncated': {
        const response = await inner(input, init);
        record.serverStatus = response.status;
        const bytes = new Uint8Array(await response.arrayBuffer());
        const headers = new Headers(response.headers);
        headers.delete('Content-Length');
        return new Response(bytes.slice(0, Math.floor(bytes.byteLength / 2)), {
          status: response.status,
          headers,
        });
      }
      case 'pass':
        break;
    }
    const response = await inner(input, init);
    record.serverStatus = response.status;
    return response;
  };
  return { fetch: wrapped, faults, log };
}

/** The first half of a request body (the client sends a string, or gzip bytes as an ArrayBuffer). */
function truncate(body: BodyInit): BodyInit {
  if (typeof body === 'string') return body.slice(0, Math.floor(body.length / 2));
  if (body instanceof ArrayBuffer) return body.slice(0, Math.floor(body.byteLength / 2));
  if (ArrayBuffer.isView(body)) {
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    return bytes.slice(0, Math.floor(bytes.byteLength / 2));
  }
  throw new Error(`Cannot truncate a body of type ${Object.prototype.toString.call(body)}`);
}

export type { ScheduledTimer };

export interface Device {
  username: string;
  userId: string;
  db: TerrainDb;
  api: ApiClient;
  engine: SyncEngine;
  /** Faults for this device's next push and pull requests, in order. */
  faults: Required<FaultPlan>;
  log: RequestRecord[];
  timers: ScheduledTimer[];
  now: { value: number };
  clientId(): Promise<string>;
  /** Creates a draft of the demo form and finalizes it, as the form page does. */
  finalize(answers?: Record<string, unknown>, form?: FormRecord): Promise<SubmissionRecord>;
  /** One sync with `faults` on its first requests; faults it did not use are dropped. */
  sync(faults?: FaultPlan): Promise<void>;
  /** A pull alone (no push), as `pullChanges` runs it; resolves to the error it met, if any. */
  pull(faults?: Fault[]): Promise<unknown>;
  /** Fires the latest armed timer, as the browser would, and waits for the sync it starts. */
  fireTimer(): Promise<ScheduledTimer>;
  close(): Promise<void>;
}

function planFaults(queues: Required<FaultPlan>, plan: FaultPlan): void {
  queues.push.splice(0, queues.push.length, ...(plan.push ?? []));
  queues.pull.splice(0, queues.pull.length, ...(plan.pull ?? []));
  queues.media.splice(0, queues.media.length, ...(plan.media ?? []));
  queues.devices.splice(0, queues.devices.length, ...(plan.devices ?? []));
}

let deviceCounter = 0;

/**
 * A signed-in device: real login through the (fault-free at that point) fetch, its own IndexedDB database,
 * and an engine whose timers and clock belong to the test. Nothing is pulled yet.
 */
export async function createDevice(
  server: TestServer,
  username: string,
  options: Partial<SyncEngineOptions> = {},
): Promise<Device> {
  const faulty = faultyFetch(appFetch(server));
  let token: string | null = null;
  const api = createApiClient({ fetch: faulty.fetch, getToken: () => token });
  const login = await api.login({ username, password: PASSWORD });
  token = login.token;
  deviceCounter += 1;
  const db = new TerrainDb(login.user.id, `it-${username}-${deviceCounter}-${crypto.randomUUID()}`);
  const clock = manualTimers();
  const timers = clock.timers;
  const now = { value: Date.now() };
  const engine = new SyncEngine({
    db,
    api,
    now: () => now.value,
    random: () => 0.5,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    window: null,
    document: null,
    ...options,
  });

  const device: Device = {
    username,
    userId: login.user.id,
    db,
    api,
    engine,
    faults: faulty.faults,
    log: faulty.log,
    timers,
    now,
    async clientId() {
      return (await getSyncMeta(db)).clientId;
    },
    finalize(answers = { ...DEMO_ANSWERS }, form) {
      return finalizeOnDevice(device, answers, form);
    },
    async sync(faults = {}) {
      planFaults(faulty.faults, faults);
      try {
        await engine.syncNow();
      } finally {
        planFaults(faulty.faults, {});
      }
    },
    async pull(faults = []) {
      planFaults(faulty.faults, { pull: faults });
      try {
        await pullChanges(db, api);
        return null;
      } catch (error) {
        return error;
      } finally {
        planFaults(faulty.faults, {});
      }
    },
    async fireTimer() {
      const timer = clock.armed();
      if (!timer) throw new Error('No timer armed');
      timer.cleared = true;
      now.value += timer.ms;
      timer.callback();
      await engine.syncNow();
      return timer;
    },
    async close() {
      engine.stop();
      db.close();
      await db.delete();
    },
  };
  return device;
}

/** A version of the demo form that exists on the device only: the server answers `unknown_form`. */
export function unpublishedForm(): FormRecord {
  const version = '1999-01-01';
  return {
    key: formVersionKey(DEMO_PROJECT.id, DEMO_FORM.id, version),
    formId: DEMO_FORM.id,
    version,
    projectId: DEMO_PROJECT.id,
    publishedAt: '1999-01-01T00:00:00.000Z',
    definition: { ...DEMO_FORM, version },
  };
}

/** Answers to the demo form, numbered: each `n` names a different respondent. */
export function demoAnswers(n: number): Record<string, unknown> {
  return { ...DEMO_ANSWERS, respondent_name: `Répondant ${n}`, household_size: 1 + (n % 60) };
}

/** What the device-side helpers below need of a device (a Device, or an HttpDevice). */
type DeviceDb = Pick<Device, 'username' | 'userId' | 'db'>;

/** Creates a draft of the demo form (or `form`) and finalizes it, as the form page does. */
export async function finalizeOnDevice(
  device: DeviceDb,
  answers: Record<string, unknown>,
  form?: FormRecord,
): Promise<SubmissionRecord> {
  const { db } = device;
  const record =
    form ?? (await db.forms.get(formVersionKey(DEMO_PROJECT.id, DEMO_FORM.id, DEMO_FORM.version)));
  if (!record) throw new Error(`${device.username} has not pulled the demo form yet`);
  const draft = await createDraft(db, record);
  return finalizeDraft(db, draft.id, { userId: device.userId, lang: 'fr', answers });
}

/**
 * Writes a submission and its outbox entry directly, bypassing the device's form validation (as an old app
 * version or a tampered device could): the server must refuse it as `validation`.
 */
export async function queueInvalidSubmission(device: DeviceDb): Promise<string> {
  const { db } = device;
  const id = crypto.randomUUID();
  const at = new Date().toISOString();
  const fields = SubmissionFields.parse({
    formId: DEMO_FORM.id,
    formVersion: DEMO_FORM.version,
    projectId: DEMO_PROJECT.id,
    // household_size must be 1-60.
    data: { ...DEMO_ANSWERS, household_size: 0 },
    startedAt: at,
    finalizedAt: at,
    replaces: null,
  });
  await db.transaction('rw', [db.submissions, db.outbox, db.meta], async () => {
    await db.submissions.add({
      ...fields,
      id,
      createdBy: device.userId,
      syncState: 'pending',
      origin: 'local',
    });
    await appendMutation(db, { table: 'submissions', id, op: 'put', fields }, new Date());
  });
  return id;
}

/** What the server's database holds, read through the storage interface (not the API under test). */
export interface ServerView {
  /** Every submission entity, by id (the entities table is keyed by table and id). */
  submissions: Map<string, EntityRecord>;
  /** How many times each submission was created, from the audit log: must never exceed 1. */
  creations: Map<string, number>;
}

export async function serverView(storage: Storage): Promise<ServerView> {
  const admin = await storage.userByUsername('admin');
  if (!admin) throw new Error('No admin account');
  const rows = await storage.pullChanges(
    { userId: admin.id, allProjects: true, ownSubmissionsOnly: false },
    0,
    1_000_000,
  );
  const submissions = new Map<string, EntityRecord>();
  for (const row of rows) {
    if (row.tbl !== 'submissions') continue;
    if (submissions.has(row.id)) throw new Error(`Submission ${row.id} listed twice`);
    submissions.set(row.id, row);
  }
  const creations = new Map<string, number>();
  for (const entry of await storage.listAudit(1_000_000)) {
    if (entry.action !== 'submission.create' || entry.recordId === null) continue;
    creations.set(entry.recordId, (creations.get(entry.recordId) ?? 0) + 1);
  }
  return { submissions, creations };
}

/** The server's lastSeq for a client (0 when it never pushed). */
export async function serverLastSeq(storage: Storage, clientId: string, userId: string): Promise<number> {
  // lockClient creates the row when missing; at the end of a test that is harmless.
  return storage.transaction(async (tx) => (await tx.lockClient(clientId, userId)).lastSeq);
}

/** The record a submission is on the server, without the device's bookkeeping. */
export function withoutLocalState(record: SubmissionRecord): Submission {
  const { syncState: _syncState, origin: _origin, discardedAt: _discardedAt, ...submission } = record;
  return submission;
}
