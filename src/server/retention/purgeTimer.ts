import { startPeriodic, type CleanupTimer, type CleanupTimers } from '../limits/cleanupTimer';
import type { Storage } from '../storage/Storage';
import type { RetentionPeriods } from './config';
import { describePurge, purge } from './purge';

/**
 * The running server purges every `periods.intervalMs` (PURGE_INTERVAL_HOURS, a day by default), so the
 * periods hold without a cron job; `npm run cli -- purge` does the same at once. A run that removed nothing
 * says nothing. Several servers on one PostgreSQL each purge: a second run finds nothing left to remove.
 */
export function startPurgeTimer(
  storage: Storage,
  periods: RetentionPeriods,
  options: { now?: () => Date; log?: (line: string) => void; timers?: CleanupTimers } = {},
): CleanupTimer | null {
  if (periods.intervalMs === null) return null;
  const now = options.now ?? (() => new Date());
  return startPeriodic(
    async () => {
      const report = await purge(storage, now(), periods);
      const removedAny = Object.values(report.removed).some((n) => n > 0);
      return removedAny ? describePurge(report).join('\n') : null;
    },
    { ...options, intervalMs: periods.intervalMs, name: 'Purge' },
  );
}
