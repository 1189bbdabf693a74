import { createHash, randomBytes } from 'node:crypto';

/** Field agents stay offline for days at a time: a session must outlive a long mission. */
export const TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** An opaque bearer token (256 random bits). Only its SHA-256 is stored, so a database leak gives no sessions. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
