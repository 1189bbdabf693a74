import type { Storage } from '../storage/Storage';
import { cleanup, describeCleanup } from './cleanup';

/** The timer functions the sweep needs; the real ones by default, a test's own to run ticks by hand. */
export interface CleanupTimers {
  setInterval(tick: () => void, ms: number): { unref?(): unknown };
  clearInterval(handle: unknown): void;
}

export interface CleanupTimerOptions {
  intervalMs: number;
  ttlMs: number;
  now?: () => Date;
  /** Where a sweep that removed something, or failed, is told. */
  log?: (line: string) => void;
  timers?: CleanupTimers;
}

export interface CleanupTimer {
  /** Stops the timer and waits for a sweep under way, so the database can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Sweeps unclaimed uploads every `intervalMs` in the running server (see cleanup.ts). The timer is unref'd:
 * it never keeps the process alive. Several servers on one PostgreSQL each sweep; the deletes are
 * idempotent. A failed sweep is logged and tried again at the next tick.
 */
export function startCleanupTimer(storage: Storage, options: CleanupTimerOptions): CleanupTimer {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const timers: CleanupTimers = options.timers ?? {
    setInterval: (tick, ms) => setInterval(tick, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = cleanup(storage, now(), options.ttlMs)
      .then((result) => {
        if (result.uploads + result.blobs > 0) log(`Cleanup: ${describeCleanup(result)}.`);
      })
      .catch((err: unknown) => log(`Cleanup failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        running = null;
      });
  };
  const handle = timers.setInterval(tick, options.intervalMs);
  handle.unref?.();
  return {
    async stop() {
      stopped = true;
      timers.clearInterval(handle);
      await running;
    },
  };
}
