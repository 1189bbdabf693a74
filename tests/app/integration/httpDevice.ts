import { gunzipSync } from 'node:zlib';
import { createApiClient, type ApiClient } from '../../../src/app/api/client';
import { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { FormRecord, SubmissionRecord } from '../../../src/app/db/schema';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { SyncEngine, type SyncEngineOptions } from '../../../src/app/sync/SyncEngine';
import { PushRequest, PushResponse, type MutationResult } from '../../../src/core/sync/protocol';
import { finalizeOnDevice, queueInvalidSubmission } from './realServer';

/**
 * A simulated device that talks to a server over real HTTP (a separate process or a socket server): its own
 * IndexedDB (fake-indexeddb), the real ApiClient and SyncEngine, and a log of the push answers it received.
 */

/** What one device saw on the network, for the test's assertions. */
export interface Traffic {
  /** Push requests under way (sent, answer not fully read yet), all devices of this Traffic together. */
  pushesInFlight: number;
  /** Push requests cut on the network after they were sent (connection reset or closed). */
  pushesCut: number;
  /** Push requests that found no server (connection refused). */
  pushesRefused: number;
  /** Every result of every push answer that arrived whole: what the server acknowledged. */
  acknowledged: (MutationResult & { recordId: string | undefined })[];
  /** Resolvers waiting for the next push to start. */
  pushWaiters: (() => void)[];
}

export function newTraffic(): Traffic {
  return { pushesInFlight: 0, pushesCut: 0, pushesRefused: 0, acknowledged: [], pushWaiters: [] };
}

/** Resolves when a push request of any device sharing `traffic` is under way. */
export function pushUnderWay(traffic: Traffic): Promise<void> {
  if (traffic.pushesInFlight > 0) return Promise.resolve();
  return new Promise((resolve) => traffic.pushWaiters.push(resolve));
}

/**
 * Node's fetch aimed at `origin()` (read for each request, so a restarted server on a new port, or another
 * server, is used at once), recording push traffic.
 */
function trackingFetch(
  origin: () => string,
  traffic: Traffic,
  extraHeaders: (method: string) => Record<string, string>,
): typeof fetch {
  return async (input, givenInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), origin());
    const headers = new Headers(givenInit?.headers);
    for (const [name, value] of Object.entries(extraHeaders(givenInit?.method ?? 'GET')))
      headers.set(name, value);
    const isPush = url.pathname === '/api/sync/push';
    if (!isPush) return fetch(url, { ...givenInit, headers });
    // Push answers name results by seq only, and protocol 3 requests carry no mutationId: read the request
    // to know which records they are about.
    const body = new Uint8Array(await new Response(givenInit?.body).arrayBuffer());
    const json = headers.get('content-encoding') === 'gzip' ? gunzipSync(body) : body;
    const sent = PushRequest.parse(JSON.parse(new TextDecoder().decode(json)));
    const recordOf = new Map(sent.mutations.map((m) => [m.seq, m.id]));
    const init = { ...givenInit, headers, body };
    traffic.pushesInFlight += 1;
    for (const wake of traffic.pushWaiters.splice(0)) wake();
    try {
      const response = await fetch(url, init);
      // Read whole here so that an answer cut by a kill counts as not received, as it would for the client.
      const text = await response.text();
      if (response.ok) {
        const parsed = PushResponse.safeParse(JSON.parse(text));
        if (parsed.success)
          traffic.acknowledged.push(
            ...parsed.data.results.map((r) => ({
              ...r,
              recordId: recordOf.get(r.seq),
            })),
          );
      }
      const headers = new Headers(response.headers);
      // The body is already decoded; the copy must not claim otherwise.
      headers.delete('content-encoding');
      headers.delete('content-length');
      return new Response(text, { status: response.status, statusText: response.statusText, headers });
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      if (code === 'ECONNREFUSED') traffic.pushesRefused += 1;
      else traffic.pushesCut += 1;
      throw error;
    } finally {
      traffic.pushesInFlight -= 1;
    }
  };
}

export interface HttpDevice {
  username: string;
  userId: string;
  db: TerrainDb;
  api: ApiClient;
  engine: SyncEngine;
  clientId(): Promise<string>;
  /** Fills and finalizes the demo form (or `form`) as the form page does. */
  finalize(answers: Record<string, unknown>, form?: FormRecord): Promise<SubmissionRecord>;
  /** Queues a submission the device's own validation would have refused: the server rejects it. */
  queueInvalid(): Promise<string>;
  /** One sync (push then pull); resolves true when it succeeded. */
  sync(): Promise<boolean>;
  close(): Promise<void>;
}

let counter = 0;

export async function createHttpDevice(options: {
  origin: () => string;
  username: string;
  password: string;
  traffic?: Traffic;
  /** Headers added to every request, by method (e.g. those a browser would send). */
  headers?: (method: string) => Record<string, string>;
  engine?: Partial<SyncEngineOptions>;
}): Promise<HttpDevice> {
  const { username } = options;
  const doFetch = trackingFetch(
    options.origin,
    options.traffic ?? newTraffic(),
    options.headers ?? (() => ({})),
  );
  let token: string | null = null;
  const api = createApiClient({ fetch: doFetch, getToken: () => token });
  const login = await api.login({ username, password: options.password });
  token = login.token;
  counter += 1;
  const db = new TerrainDb(login.user.id, `http-${username}-${counter}-${crypto.randomUUID()}`);
  const engine = new SyncEngine({
    db,
    api,
    window: null,
    document: null,
    random: () => 0.5,
    ...options.engine,
  });
  const userId = login.user.id;
  const device: HttpDevice = {
    username,
    userId,
    db,
    api,
    engine,
    async clientId() {
      return (await getSyncMeta(db)).clientId;
    },
    finalize(answers, form) {
      return finalizeOnDevice(device, answers, form);
    },
    queueInvalid() {
      return queueInvalidSubmission(device);
    },
    async sync() {
      await engine.syncNow();
      return engine.getStatus().phase === 'idle';
    },
    async close() {
      engine.stop();
      db.close();
      await db.delete();
    },
  };
  return device;
}

const FIRST_NAMES = ['Aminata', 'Moussa', 'Fatoumata', 'Ibrahim', 'Mariam', 'Oumar', 'Awa', 'Boubacar'];
const LAST_NAMES = ['Maïga', 'Touré', 'Cissé', 'Traoré', 'Diallo', 'Keïta', 'Haïdara', 'Coulibaly'];
const WATER = ['borehole', 'well', 'river', 'vendor', 'other'];

/** Answers to the demo form that vary the way a field team's do (names, sizes, dates, GPS fixes). */
export function realisticAnswers(n: number): Record<string, unknown> {
  // mulberry32: a small deterministic generator (the same n always gives the same answers) whose low bits
  // are as random as its high ones, so the answers compress like real ones rather than like a pattern.
  let state = (n * 0x9e3779b9) >>> 0;
  const next = (max: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * max) | 0;
  };
  const sources = WATER.filter(() => next(3) === 0);
  const day = 1 + next(28);
  return {
    respondent_name: `${FIRST_NAMES[next(FIRST_NAMES.length)]} ${LAST_NAMES[next(LAST_NAMES.length)]}`,
    household_size: 1 + next(14),
    head_sex: next(2) ? 'female' : 'male',
    ...(sources.length ? { water_sources: sources } : {}),
    visit_date: `2026-11-${String(day).padStart(2, '0')}`,
    location: {
      latitude: Number((16.2717 + (next(200_000) - 100_000) / 1_000_000).toFixed(6)),
      longitude: Number((-0.0447 + (next(200_000) - 100_000) / 1_000_000).toFixed(6)),
      // A phone's fix comes with these two.
      altitude: Number((250 + next(600) / 10).toFixed(1)),
      accuracy: Number((3 + next(200) / 10).toFixed(1)),
    },
  };
}
