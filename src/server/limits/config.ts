/**
 * What one user may ask of the server and what it keeps for them: the request rates, the caps on stored
 * rejections and how long unclaimed uploads stay. Each number can be set in the environment (README,
 * "Configuration"); the defaults are sized in src/server/limits/README.md.
 */

/** Requests per user and window, by kind; a kind set to 0 is not limited. */
export interface RateLimits {
  windowMs: number;
  /** `POST /api/sync/push` and `/api/sync/import`. */
  push: number;
  /** Media chunks (`PATCH`) and downloads (`GET`) under /api/media; `HEAD` is not counted. */
  media: number;
  /** `GET /api/export/:format`. */
  export: number;
  /** Requests to the public site's data (`/public/api`, the IATI file, the feed), counted per address. */
  public: number;
}
export type RateKind = Exclude<keyof RateLimits, 'windowMs'>;

/** What the server keeps of a refused change (src/server/sync/rejectedCaps.ts). */
export interface RejectedCaps {
  /** A payload whose JSON is larger is kept as its size and SHA-256. */
  maxPayloadBytes: number;
  /** Past this many stored rejections of one device, or of one user, payloads are no longer kept. */
  perDevice: number;
  perUser: number;
}

export interface ServerLimits {
  /** null: no request limits (the tests' servers, whose clocks stand still). */
  rate: RateLimits | null;
  rejected: RejectedCaps;
  /** An unfinished upload untouched, or a file no submission names, for this long is deleted. */
  uploadTtlMs: number;
  /** How often the running server sweeps them. */
  cleanupIntervalMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_LIMITS: ServerLimits = {
  rate: { windowMs: MINUTE, push: 300, media: 1200, export: 30, public: 120 },
  rejected: { maxPayloadBytes: 64 * 1024, perDevice: 500, perUser: 2000 },
  uploadTtlMs: 7 * 24 * HOUR,
  cleanupIntervalMs: HOUR,
};

/** The variables, their unit and the setting they give. */
const VARIABLES = {
  RATE_LIMIT_WINDOW_SECONDS: 'seconds',
  RATE_LIMIT_PUSH: 'count',
  RATE_LIMIT_MEDIA: 'count',
  RATE_LIMIT_EXPORT: 'count',
  RATE_LIMIT_PUBLIC: 'count',
  REJECTED_PAYLOAD_MAX_KB: 'KiB',
  REJECTED_PAYLOADS_PER_DEVICE: 'count',
  REJECTED_PAYLOADS_PER_USER: 'count',
  UPLOAD_TTL_HOURS: 'hours',
  CLEANUP_INTERVAL_MINUTES: 'minutes',
} as const;
type Variable = keyof typeof VARIABLES;

export class LimitConfigError extends Error {}

/**
 * The limits from the environment, each unset variable at its default. A value that is not a whole number
 * (or is 0 where 0 means nothing) stops the server at start rather than running unprotected by mistake.
 */
export function limitsFromEnv(env: Record<string, string | undefined> = process.env): ServerLimits {
  const read = (name: Variable, fallback: number, allowZero: boolean): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || (!allowZero && value === 0))
      throw new LimitConfigError(
        `${name} must be a whole number of ${VARIABLES[name]}${allowZero ? '' : ' above 0'}, got ${raw}`,
      );
    return value;
  };
  const d = DEFAULT_LIMITS;
  const rate = d.rate!;
  return {
    rate: {
      windowMs: read('RATE_LIMIT_WINDOW_SECONDS', rate.windowMs / 1000, false) * 1000,
      push: read('RATE_LIMIT_PUSH', rate.push, true),
      media: read('RATE_LIMIT_MEDIA', rate.media, true),
      export: read('RATE_LIMIT_EXPORT', rate.export, true),
      public: read('RATE_LIMIT_PUBLIC', rate.public, true),
    },
    rejected: {
      maxPayloadBytes: read('REJECTED_PAYLOAD_MAX_KB', d.rejected.maxPayloadBytes / 1024, false) * 1024,
      perDevice: read('REJECTED_PAYLOADS_PER_DEVICE', d.rejected.perDevice, true),
      perUser: read('REJECTED_PAYLOADS_PER_USER', d.rejected.perUser, true),
    },
    uploadTtlMs: read('UPLOAD_TTL_HOURS', d.uploadTtlMs / HOUR, false) * HOUR,
    cleanupIntervalMs: read('CLEANUP_INTERVAL_MINUTES', d.cleanupIntervalMs / MINUTE, false) * MINUTE,
  };
}
