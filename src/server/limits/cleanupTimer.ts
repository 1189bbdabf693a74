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
 * Runs `task` every `intervalMs`, one run at a time (a tick while one runs is skipped). The timer is
 * unref'd: it never keeps the process alive. What a run returns (null: nothing to say) and why one failed
 * go to `log`; a failed run is tried again at the next tick. Shared by the upload sweep below and the
 * purge of src/server/retention.
 */
export function startPeriodic(
  task: () => Promise<string | null>,
  options: { intervalMs: number; log?: (line: string) => void; timers?: CleanupTimers; name: string },
): CleanupTimer {
  const log = options.log ?? ((line: string) => console.log(line));
  const timers: CleanupTimers = options.timers ?? {
    setInterval: (tick, ms) => setInterval(tick, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = task()
      .then((said) => {
        if (said !== null) log(`${options.name}: ${said}`);
      })
      .catch((err: unknown) =>
        log(`${options.name} failed: ${err instanceof Error ? err.message : String(err)}`),
      )
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

/**
 * Sweeps unclaimed uploads every `intervalMs` in the running server (see cleanup.ts). Several servers on one
 * PostgreSQL each sweep; the deletes are idempotent.
 */
export function startCleanupTimer(storage: Storage, options: CleanupTimerOptions): CleanupTimer {
  const now = options.now ?? (() => new Date());
  return startPeriodic(
    async () => {
      const result = await cleanup(storage, now(), options.ttlMs);
      return result.uploads + result.blobs > 0 ? `${describeCleanup(result)}.` : null;
    },
    { ...options, name: 'Cleanup' },
  );
}
