import { liveQuery, type Subscription } from 'dexie';
import type { MediaRef } from '../../core/forms/answersSchema';
import { DEFAULT_PULL_LIMIT } from '../../core/sync/protocol';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { TerrainDb } from '../db/TerrainDb';
import { countMediaToUpload } from '../repositories/mediaUploads';
import { countPending, countRejected } from '../repositories/outbox';
import { getSyncMeta, updateSyncMeta } from '../repositories/syncMeta';
import { backoffDelay } from './backoff';
import { APP_VERSION } from './appVersion';
import { classifyError } from './classifyError';
import { registerDeviceKey } from './deviceKey';
import { pullChanges } from './pull';
import { fetchMedia, type MediaFetchResult } from './fetchMedia';
import { fetchFormFiles } from './formFiles';
import { pushOutbox } from './push';
import { INITIAL_STATUS, type SyncStatus } from './status';
import { browserLocks, runIfFree, runWhenFree, syncLockName, type SyncLocks } from './syncLock';
import { uploadMedia } from './uploadMedia';

export type { SyncProgress, SyncStatus } from './status';

/** Periodic sync while the app is open. */
export const SYNC_INTERVAL_MS = 2 * 60 * 1000;

type TimerHandle = unknown;

interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}
interface VisibilitySource extends EventSource {
  readonly visibilityState: string;
}

export interface SyncEngineOptions {
  db: TerrainDb;
  api: ApiClient;
  now?: () => number;
  random?: () => number;
  setTimeout?: (callback: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /** Where `online` is fired; `window` by default (absent outside browsers). */
  window?: EventSource | null;
  /** Where `visibilitychange` is fired; `document` by default. */
  document?: VisibilitySource | null;
  /** Whether the device has a network; `navigator.onLine` by default (online outside browsers). */
  online?: () => boolean;
  intervalMs?: number;
  pullLimit?: number;
  maxBatchMutations?: number;
  maxBatchBytes?: number;
  /** The Web Locks API that keeps one sync at a time across tabs; `navigator.locks` by default. */
  locks?: SyncLocks | null;
  /**
   * Register the device's key before the first push (true by default): unit tests of the protocol alone
   * turn it off, so their servers see only pushes and pulls.
   */
  registerDevice?: boolean;
  /**
   * Told of every failed sync, after it is recorded: the vault (src/app/vault/session.ts) shreds the user's
   * data when the failure says the account was disabled or the device revoked.
   */
  onFailure?: (error: unknown) => void;
  /**
   * Run before each push, after the device's registration: the vault seals pending changes to the server
   * (src/app/vault/prepareSealed.ts). `fresh` is true at this engine's first run.
   */
  beforePush?: (fresh: boolean) => Promise<void>;
  /**
   * Run after a sync that went well: the vault sends the sealed changes other users of this tablet left
   * (src/app/vault/sealedOutbox.ts), and says how many the server answered. Its failures are not the
   * user's sync's: they are left for the next run.
   */
  afterSync?: () => Promise<number>;
}

/**
 * The client sync loop: push the outbox, then pull, one run at a time. It owns no data: everything it
 * learns goes to IndexedDB through transactions, so killing the tab at any point loses nothing; the worst
 * case is a batch sent again and answered `duplicate`.
 */
export class SyncEngine {
  private readonly db: TerrainDb;
  private readonly api: ApiClient;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  private readonly windowTarget: EventSource | null;
  private readonly documentTarget: VisibilitySource | null;
  private readonly options: SyncEngineOptions;
  private readonly online: () => boolean;

  private status: SyncStatus = INITIAL_STATUS;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private running: Promise<void> | null = null;
  private timer: TimerHandle = null;
  private attempt = 0;
  private started = false;
  private countsSubscription: Subscription | null = null;
  private metaLoaded = false;
  private readonly locks: SyncLocks | null;
  /** The batch size a 413 taught us (a proxy's body limit), for the life of this engine. */
  private batchLimit: number | undefined;
  /** Aborts a wait for another tab's sync when the engine stops (sign-out). */
  private lockWait: AbortController | null = null;
  /** Set once the device's key is registered (or refused for good) in this engine's life: see register(). */
  private registered = false;
  /** Set after the first successful beforePush of this engine. */
  private prepared = false;

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.db = options.db;
    this.api = options.api;
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
    this.clearTimer =
      options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.windowTarget = options.window !== undefined ? options.window : (globalThis.window ?? null);
    this.documentTarget = options.document !== undefined ? options.document : (globalThis.document ?? null);
    this.online = options.online ?? (() => typeof navigator === 'undefined' || navigator.onLine);
    this.locks = options.locks !== undefined ? options.locks : browserLocks();
  }

  /** A file answer's bytes, downloaded on demand when the device does not have them (see fetchMedia.ts). */
  fetchMedia(ref: MediaRef): Promise<MediaFetchResult> {
    return fetchMedia(this.db, this.api, ref, this.now);
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Pushes then pulls, as the user asked. A call while a sync runs joins it instead of starting a second
   * one; while another tab syncs, it says so (`otherTab`), waits for it, then syncs here.
   */
  syncNow(): Promise<void> {
    return this.begin(true);
  }

  private begin(asked: boolean): Promise<void> {
    this.running ??= this.runExclusive(asked).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** One sync per user across the tabs of this browser (Web Locks), where the browser has them. */
  private async runExclusive(asked: boolean): Promise<void> {
    const name = syncLockName(this.db.userId);
    if ((await runIfFree(this.locks, name, () => this.run())) === 'ran' || !this.locks) return;
    if (!asked) {
      // Another tab is syncing; what it does reaches this tab through IndexedDB (see start()).
      this.schedule(this.options.intervalMs ?? SYNC_INTERVAL_MS);
      return;
    }
    const before = this.status.phase;
    const wait = new AbortController();
    this.lockWait = wait;
    this.update({ phase: 'syncing', otherTab: true, progress: null });
    try {
      await runWhenFree(this.locks, name, wait.signal, async () => {
        this.update({ otherTab: false });
        await this.run();
      });
    } catch (error) {
      // Stopped while waiting: nothing ran here.
      if (!wait.signal.aborted) throw error;
      this.update({ phase: before });
    } finally {
      this.lockWait = null;
      this.update({ otherTab: false });
    }
  }

  /**
   * Syncs now, then on `online`, on becoming visible, when something new waits to be sent (online) and every
   * two minutes, until `stop()`.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.windowTarget?.addEventListener('online', this.onOnline);
    this.documentTarget?.addEventListener('visibilitychange', this.onVisibilityChange);
    // Counts change when the user finalizes or resends, not only when we sync: follow the outbox live.
    // The meta row tells when another tab of this user last synced: liveQuery sees writes of every tab.
    let first = true;
    this.countsSubscription = liveQuery(() =>
      Promise.all([
        countPending(this.db),
        countRejected(this.db),
        countMediaToUpload(this.db),
        getSyncMeta(this.db),
      ]),
    ).subscribe({
      next: ([pending, rejected, pendingMedia, meta]) => {
        const before = this.status.pending;
        this.update({ pending, rejected, pendingMedia });
        // Something was just finalized (or resent) here or in another tab: send it at once rather than at
        // the next timer. The first reading only tells what was there at start.
        if (first) first = false;
        else if (pending > before) this.sendSoon();
        this.learnLastSync(meta.lastSyncAt, meta.lastError === null);
      },
      error: () => undefined,
    });
    void this.begin(false);
  }

  stop(): void {
    this.started = false;
    this.windowTarget?.removeEventListener('online', this.onOnline);
    this.documentTarget?.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.countsSubscription?.unsubscribe();
    this.countsSubscription = null;
    this.lockWait?.abort();
    this.cancelTimer();
    this.update({ nextRetryAt: null });
  }

  private readonly onOnline = (): void => {
    // The network is back: the backoff an offline failure scheduled no longer applies (autoSync only waits
    // when the SERVER asked us to, after a 429 or 5xx), and the next failure starts a fresh backoff.
    if (this.status.phase === 'offline') this.attempt = 0;
    this.autoSync();
  };

  private readonly onVisibilityChange = (): void => {
    if (this.documentTarget?.visibilityState !== 'visible') return;
    this.autoSync();
  };

  /** An automatic trigger: skipped when signed out, or while the server asked us to back off. */
  private autoSync(): void {
    const { phase, nextRetryAt } = this.status;
    if (phase === 'signed_out') return;
    if (phase === 'error' && nextRetryAt !== null && nextRetryAt > this.now()) return;
    void this.begin(false);
  }

  /** Sends what was just queued, when online: now, or right after the running sync (which may miss it). */
  private sendSoon(): void {
    // Offline, or a retry already scheduled (its backoff holds): that retry or `online` will send it.
    if (!this.online() || this.status.nextRetryAt !== null) return;
    if (!this.running) {
      this.autoSync();
      return;
    }
    void this.running.then(() => {
      if (this.status.pending > 0) this.autoSync();
    });
  }

  /**
   * A sync that ended well, here or in another tab. Another tab's success also clears this tab's stale
   * error: the data it could not send has gone.
   */
  private learnLastSync(lastSyncAt: string | null, succeeded: boolean): void {
    const known = this.status.lastSyncAt;
    if (lastSyncAt === null || (known !== null && lastSyncAt <= known)) return;
    const { phase } = this.status;
    if (succeeded && !this.running && (phase === 'error' || phase === 'offline')) {
      this.attempt = 0;
      this.update({ lastSyncAt, phase: 'idle', lastError: null, nextRetryAt: null });
      this.schedule(this.options.intervalMs ?? SYNC_INTERVAL_MS);
      return;
    }
    this.update({ lastSyncAt });
  }

  private async run(): Promise<void> {
    this.cancelTimer();
    this.update({ phase: 'syncing', nextRetryAt: null, progress: null });
    try {
      if (!this.metaLoaded) await this.loadMeta();
      // The first sync of an engine (each sign-in, each app start) registers the device and fetches the
      // server's key: two requests, sent together. When nothing waits to be sent, the pull goes with them, so
      // a new user's survey list arrives one round trip after signing in rather than three (issue 14, first
      // load). With changes waiting, the push goes first, as always, and the pull after it.
      const first = !this.prepared;
      const setUp = this.setUp();
      const pullFirst = first && (await countPending(this.db)) === 0;
      await settleAll(pullFirst ? [setUp, this.pullAll()] : [setUp]);
      await pushOutbox(this.db, this.api, {
        now: this.now,
        maxBatchMutations: this.batchLimit ?? this.options.maxBatchMutations,
        maxBatchBytes: this.options.maxBatchBytes,
        onSmallerBatches: (count) => {
          this.batchLimit = count;
        },
        onProgress: async ({ sent, total }) => {
          this.update({ progress: { kind: 'push', sent, total } });
          await this.refreshCounts();
        },
      });
      if (!pullFirst) await this.pullAll();
      await uploadMedia(this.db, this.api, {
        onProgress: ({ sent, total }) => this.update({ progress: { kind: 'media', sent, total } }),
      });
      // The pictures, sounds and videos of the forms pulled: a form opens without them (its texts), so a
      // failure here (a full device) does not fail the sync; what is missing is asked again next time.
      await fetchFormFiles(this.db, this.api).catch(() => 0);
      const lastSyncAt = new Date(this.now()).toISOString();
      await updateSyncMeta(this.db, { lastSyncAt, lastError: null });
      await this.sendForOthers();
      this.attempt = 0;
      this.update({ phase: 'idle', lastSyncAt, lastError: null });
      this.schedule(this.options.intervalMs ?? SYNC_INTERVAL_MS);
    } catch (error) {
      await this.fail(error);
    } finally {
      this.update({ progress: null });
      await this.refreshCounts().catch(() => undefined);
    }
  }

  /** Registers the device and prepares sealing (the server's key), together: neither waits on the other. */
  private async setUp(): Promise<void> {
    const prepare = async () => {
      await this.options.beforePush?.(!this.prepared);
      this.prepared = true;
    };
    await settleAll([this.register(), prepare()]);
  }

  private async pullAll(): Promise<void> {
    let received = 0;
    this.update({ progress: { kind: 'pull', received } });
    await pullChanges(this.db, this.api, this.options.pullLimit ?? DEFAULT_PULL_LIMIT, (stats, count) => {
      received += count;
      this.update({ progress: { kind: 'pull', received } });
      if (stats.invalid > 0) this.update({ invalidRows: this.status.invalidRows + stats.invalid });
    });
  }

  /**
   * Registers the device's key, once per engine: at each sign-in and app start, so that every new session
   * is bound to the device, and until it succeeds, retried with the sync (offline, it fails as the push
   * would). A refusal for good (a revoked device, another key, a server without the route) is kept for the
   * export page and does not stop the sync; the push then says what it has to say.
   */
  private async register(): Promise<void> {
    if (this.registered || this.options.registerDevice === false) return;
    try {
      await registerDeviceKey(this.db, this.api, APP_VERSION);
    } catch (error) {
      if (!(error instanceof ApiError) || error.transient || error.status === 401) throw error;
      const at = new Date(this.now()).toISOString();
      await updateSyncMeta(this.db, { deviceKeyRefusal: { code: error.code, message: error.message, at } });
    }
    this.registered = true;
  }

  private async sendForOthers(): Promise<void> {
    if (!this.options.afterSync) return;
    try {
      const sent = await this.options.afterSync();
      if (sent > 0) this.update({ sentForOthers: this.status.sentForOthers + sent });
    } catch {
      // Another user's changes wait on this tablet, sealed, for the next sync: nothing of theirs is lost.
    }
  }

  private async fail(error: unknown): Promise<void> {
    const failure = classifyError(error);
    const lastError = { code: failure.code, message: failure.message };
    await updateSyncMeta(this.db, {
      lastError: { ...lastError, at: new Date(this.now()).toISOString() },
    }).catch(() => undefined);
    let nextRetryAt: number | null = null;
    if (failure.retry) {
      const delay = backoffDelay(this.attempt, this.random, failure.retryAfterMs);
      this.attempt += 1;
      if (this.started) {
        nextRetryAt = this.now() + delay;
        this.schedule(delay);
      }
    } else if (failure.phase !== 'signed_out') {
      this.schedule(this.options.intervalMs ?? SYNC_INTERVAL_MS);
    }
    this.update({ phase: failure.phase, lastError, nextRetryAt });
    this.options.onFailure?.(error);
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.begin(false);
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.clearTimer(this.timer);
    this.timer = null;
  }

  private async loadMeta(): Promise<void> {
    const meta = await getSyncMeta(this.db);
    this.metaLoaded = true;
    this.update({
      lastSyncAt: meta.lastSyncAt,
      lastError: meta.lastError ? { code: meta.lastError.code, message: meta.lastError.message } : null,
    });
  }

  private async refreshCounts(): Promise<void> {
    const [pending, rejected, pendingMedia] = await Promise.all([
      countPending(this.db),
      countRejected(this.db),
      countMediaToUpload(this.db),
    ]);
    this.update({ pending, rejected, pendingMedia });
  }

  private update(changes: Partial<SyncStatus>): void {
    const next = { ...this.status, ...changes };
    const changed = (Object.keys(changes) as (keyof SyncStatus)[]).some(
      (key) => next[key] !== this.status[key],
    );
    if (!changed) return;
    this.status = next;
    for (const listener of this.listeners) listener(next);
  }
}

/** Waits for every step to end, then throws the first failure: no step is left running unwatched. */
async function settleAll(steps: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(steps);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
