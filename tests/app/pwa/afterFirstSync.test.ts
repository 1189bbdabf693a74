import { describe, expect, it, vi } from 'vitest';
import { afterFirstSync } from '../../../src/app/pwa/afterFirstSync';
import { INITIAL_STATUS, type SyncStatus } from '../../../src/app/sync/status';

/** An engine whose status the test sets. */
function fakeEngine() {
  let status: SyncStatus = INITIAL_STATUS;
  const listeners = new Set<(s: SyncStatus) => void>();
  return {
    getStatus: () => status,
    subscribe(listener: (s: SyncStatus) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(phase: SyncStatus['phase']) {
      status = { ...status, phase };
      listeners.forEach((l) => l(status));
    },
    listeners,
  };
}

describe('afterFirstSync (when the service worker may fill its precache)', () => {
  it('waits for the first sync to end, then calls once', () => {
    vi.useFakeTimers();
    const engine = fakeEngine();
    const then = vi.fn();
    afterFirstSync(engine, then);
    engine.set('idle');
    expect(then).not.toHaveBeenCalled();
    engine.set('syncing');
    expect(then).not.toHaveBeenCalled();
    engine.set('offline');
    expect(then).toHaveBeenCalledTimes(1);
    engine.set('syncing');
    engine.set('idle');
    vi.advanceTimersByTime(60_000);
    expect(then).toHaveBeenCalledTimes(1);
    expect(engine.listeners.size).toBe(0);
    vi.useRealTimers();
  });

  it('calls after the time limit when no sync is seen, and not after cancelling', () => {
    vi.useFakeTimers();
    const engine = fakeEngine();
    const then = vi.fn();
    afterFirstSync(engine, then, 5000);
    vi.advanceTimersByTime(4999);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    const cancel = afterFirstSync(engine, cancelled, 5000);
    cancel();
    engine.set('syncing');
    engine.set('idle');
    vi.advanceTimersByTime(10_000);
    expect(cancelled).not.toHaveBeenCalled();
    vi.useRealTimers();
  });
});
