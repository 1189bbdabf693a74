import { createHash, randomBytes } from 'node:crypto';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Field agents stay offline for days at a time: a session must outlive a long mission. */
export const DEFAULT_TOKEN_TTL_DAYS = 30;
export const TOKEN_LIFETIME_MS = DEFAULT_TOKEN_TTL_DAYS * DAY_MS;
/** The longest session TOKEN_TTL_DAYS may ask for: a year. */
export const MAX_TOKEN_TTL_DAYS = 365;

/**
 * TOKEN_TTL_DAYS as the server reads it: a positive number of days (fractions allowed, e.g. 0.5), at most a
 * year; unset or empty gives the default. Anything else throws, so a typo stops the server at start.
 */
export function tokenTtlDaysFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_TOKEN_TTL_DAYS;
  const days = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(days > 0 && days <= MAX_TOKEN_TTL_DAYS))
    throw new Error(
      `TOKEN_TTL_DAYS must be a number of days above 0 and at most ${MAX_TOKEN_TTL_DAYS}, got ${value}`,
    );
  return days;
}

/** An opaque bearer token (256 random bits). Only its SHA-256 is stored, so a database leak gives no sessions. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
