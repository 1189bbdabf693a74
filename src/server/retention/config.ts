import { limitsFromEnv } from '../limits/config';

/**
 * How long the server keeps what it no longer needs (README, "Configuration"; the defaults are argued in
 * src/server/retention/README.md). Each period is a whole number of days; 0 keeps that kind for ever.
 */
export interface RetentionPeriods {
  /** The payload of a refused change (what the user entered) is emptied this long after the refusal. */
  rejectedMs: number | null;
  /** A session's row is deleted this long after it expired or was revoked. */
  tokensMs: number | null;
  /** Audit entries older than this are removed (the chain keeps a checkpoint). */
  auditMs: number | null;
  /** Unfinished uploads and files no submission names: UPLOAD_TTL_HOURS, the hourly sweep's own. */
  mediaMs: number;
  /** How often the running server purges; null: only `npm run cli -- purge` does. */
  intervalMs: number | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_RETENTION = { rejectedDays: 90, tokensDays: 30, auditDays: 365, intervalHours: 24 };

/** The variables, and the unit each counts in. */
const VARIABLES = {
  REJECTED_RETENTION_DAYS: 'days',
  TOKEN_RETENTION_DAYS: 'days',
  AUDIT_RETENTION_DAYS: 'days',
  PURGE_INTERVAL_HOURS: 'hours',
} as const;
type Variable = keyof typeof VARIABLES;

export class RetentionConfigError extends Error {}

/**
 * The periods from the environment, each unset variable at its default. A value that is not a whole number
 * stops the server at start, rather than keeping (or deleting) data other than the operator meant.
 */
export function retentionFromEnv(env: Record<string, string | undefined> = process.env): RetentionPeriods {
  const read = (name: Variable, fallback: number, unit: number): number | null => {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (raw && (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)))
      throw new RetentionConfigError(
        `${name} must be a whole number of ${VARIABLES[name]} (0: never), got ${raw}`,
      );
    return value === 0 ? null : value * unit;
  };
  const d = DEFAULT_RETENTION;
  return {
    rejectedMs: read('REJECTED_RETENTION_DAYS', d.rejectedDays, DAY),
    tokensMs: read('TOKEN_RETENTION_DAYS', d.tokensDays, DAY),
    auditMs: read('AUDIT_RETENTION_DAYS', d.auditDays, DAY),
    mediaMs: limitsFromEnv(env).uploadTtlMs,
    intervalMs: read('PURGE_INTERVAL_HOURS', d.intervalHours, HOUR),
  };
}
