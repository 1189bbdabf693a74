/** A timer the engine scheduled; the test decides when (and whether) it fires. */
export interface ScheduledTimer {
  callback: () => void;
  ms: number;
  cleared: boolean;
}

/**
 * setTimeout / clearTimeout for a SyncEngine under test: nothing fires by itself, so backoff and periodic
 * syncs can be inspected (`ms`) and run on demand, with no real waiting.
 */
export function manualTimers() {
  const timers: ScheduledTimer[] = [];
  return {
    timers,
    setTimeout: (callback: () => void, ms: number): ScheduledTimer => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle: unknown): void => {
      (handle as ScheduledTimer).cleared = true;
    },
    /** The most recently scheduled timer that is still pending. */
    armed: (): ScheduledTimer | undefined => timers.filter((t) => !t.cleared).at(-1),
  };
}
