import { gzipSync } from 'node:zlib';
import { GZIP_MIN_BYTES } from '../../../src/app/api/gzip';
import { DEVICE_KEY_ALGORITHM, exportDevicePublicKey } from '../../../src/core/sync/devices';
import { CHUNK_CONTENT_TYPE, MEDIA_CHUNK_BYTES, MEDIA_HEADERS } from '../../../src/core/sync/media';
import { DEFAULT_PULL_LIMIT, PROTOCOL_VERSION, type Mutation } from '../../../src/core/sync/protocol';
import { newClientId, submission } from '../../server/harness';
import { fakePhoto, PHOTO_FORM } from '../../server/media/photoForm';
import type { HttpClient } from './http';
import type { LatencyLog, RequestKind } from './stats';

/** How a simulated agent works its tablet: think times and what one sync sends. */
export interface DeviceHabits {
  /** Pause between a pull and the next push, and after the push, in ms. */
  thinkMs: [number, number];
  /** Submissions per push. */
  batch: [number, number];
  /** Share of submissions that carry a photo, and the photo's size in bytes. */
  photoShare: number;
  photoBytes: [number, number];
}

export const FIELD_HABITS: DeviceHabits = {
  thinkMs: [1000, 3000],
  batch: [1, 5],
  photoShare: 0.3,
  photoBytes: [50_000, 200_000],
};

/** Shared by every device of a run: where to record, and when to stop. */
export interface RunControl {
  log: LatencyLog;
  /** Requests started before this (performance.now()) are warm-up: timed but not recorded. */
  measureFrom: number;
  stopped: () => boolean;
  /** A sleep that ends early when the run stops. */
  sleep: (ms: number) => Promise<void>;
}

const APP_VERSION = 'load-bench';
const between = ([low, high]: [number, number]) => low + Math.floor(Math.random() * (high - low + 1));

/**
 * One agent's tablet over real HTTP, as the app behaves: sign in, register its device key, then loop
 * pull (every page), think, push a batch of submissions (gzipped like the app's), upload their photos
 * (HEAD, then 256 KiB chunks), think. Each request is timed by kind; any unexpected status is an error.
 */
export class SimulatedDevice {
  private token = '';
  private readonly clientId = newClientId();
  private seq = 0;
  private cursor = 0;
  private scope = 0;

  constructor(
    private readonly http: HttpClient,
    private readonly username: string,
    private readonly password: string,
    private readonly run: RunControl,
    private readonly habits: DeviceHabits = FIELD_HABITS,
  ) {}

  async live(): Promise<void> {
    try {
      await this.signIn();
      while (!this.run.stopped()) {
        await this.pull();
        await this.run.sleep(between(this.habits.thinkMs));
        if (this.run.stopped()) break;
        await this.push();
        await this.run.sleep(between(this.habits.thinkMs));
      }
    } catch (err) {
      // A device that met an error stops: its state (seq, cursor) may no longer match the server's.
      this.run.log.error(`${this.username}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async timed(
    kind: RequestKind,
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: Buffer | string } = {},
    expected: readonly number[] = [200],
  ) {
    const started = performance.now();
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const answer = await this.http.call(method, path, { ...options, headers });
    const ms = performance.now() - started;
    // Sign-ins happen while the devices start: timed always. The rest only once every device runs.
    const signingIn = kind === 'login' || kind === 'register';
    if (signingIn || (started >= this.run.measureFrom && !this.run.stopped())) this.run.log.record(kind, ms);
    if (!expected.includes(answer.status))
      throw new Error(
        `${method} ${path.split('?')[0]} answered ${answer.status}: ${answer.body.toString().slice(0, 200)}`,
      );
    return answer;
  }

  private json(value: unknown): { headers: Record<string, string>; body: Buffer } {
    const raw = Buffer.from(JSON.stringify(value));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (raw.byteLength < GZIP_MIN_BYTES) return { headers, body: raw };
    return { headers: { ...headers, 'content-encoding': 'gzip' }, body: gzipSync(raw) };
  }

  private async signIn(): Promise<void> {
    const login = await this.timed(
      'login',
      'POST',
      '/api/auth/login',
      this.json({ username: this.username, password: this.password }),
    );
    this.token = (JSON.parse(login.body.toString()) as { token: string }).token;
    const pair = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
    const publicKey = await exportDevicePublicKey(pair.publicKey);
    await this.timed(
      'register',
      'POST',
      '/api/devices',
      this.json({ clientId: this.clientId, publicKey, appVersion: APP_VERSION }),
      [200, 201],
    );
  }

  private async pull(): Promise<void> {
    for (;;) {
      const query = new URLSearchParams({
        cursor: String(this.cursor),
        limit: String(DEFAULT_PULL_LIMIT),
        protocol: String(PROTOCOL_VERSION),
        scope: String(this.scope),
        formKeys: 'project',
        clientId: this.clientId,
        appVersion: APP_VERSION,
        unsent: '0',
      });
      const answer = await this.timed('pull', 'GET', `/api/sync/pull?${query.toString()}`);
      const page = JSON.parse(answer.body.toString()) as { cursor: number; hasMore: boolean; scope?: number };
      this.cursor = page.cursor;
      if (page.scope !== undefined) this.scope = page.scope;
      if (!page.hasMore || this.run.stopped()) return;
    }
  }

  private async push(): Promise<void> {
    const mutations: Mutation[] = [];
    const photos: ReturnType<typeof fakePhoto>[] = [];
    for (let n = between(this.habits.batch); n > 0; n -= 1) {
      this.seq += 1;
      if (Math.random() < this.habits.photoShare) {
        const photo = fakePhoto(between(this.habits.photoBytes));
        photos.push(photo);
        mutations.push(
          submission(this.clientId, this.seq, {
            fields: {
              formId: PHOTO_FORM.id,
              formVersion: PHOTO_FORM.version,
              data: { site: `Site ${this.seq}`, photo: photo.ref },
            },
          }),
        );
      } else mutations.push(submission(this.clientId, this.seq));
    }
    const wire = mutations.map(({ mutationId: _id, clientId: _client, ...m }) => m);
    const answer = await this.timed(
      'push',
      'POST',
      '/api/sync/push',
      this.json({ clientId: this.clientId, protocol: PROTOCOL_VERSION, mutations: wire }),
    );
    const { results } = JSON.parse(answer.body.toString()) as {
      results: { status: string; code?: string }[];
    };
    const refused = results.filter((r) => r.status !== 'applied');
    if (refused.length)
      throw new Error(`push: ${refused.length} not applied (${JSON.stringify(refused[0])})`);
    // Records first, then their files, as the app sends them.
    for (const photo of photos) await this.upload(photo);
  }

  private async upload({ bytes, ref }: ReturnType<typeof fakePhoto>): Promise<void> {
    const path = `/api/media/${ref.sha256}`;
    await this.timed('media_head', 'HEAD', path, {}, [404]);
    for (let offset = 0; offset < bytes.byteLength; offset += MEDIA_CHUNK_BYTES) {
      const chunk = Buffer.from(bytes.subarray(offset, offset + MEDIA_CHUNK_BYTES));
      await this.timed('media_chunk', 'PATCH', path, {
        headers: {
          'content-type': CHUNK_CONTENT_TYPE,
          [MEDIA_HEADERS.offset]: String(offset),
          [MEDIA_HEADERS.length]: String(bytes.byteLength),
          [MEDIA_HEADERS.type]: ref.type,
        },
        body: chunk,
      });
    }
  }
}
