import { randomBytes } from 'node:crypto';
import type { StorageOps } from '../storage/Storage';

/**
 * The device vault's server half (src/app/vault/unlock.ts): a per-account secret the sign-in answer carries
 * (`vaultSecret`), with which a device wraps its data key a second time. After an operator's
 * `users reset-password`, the user's next online sign-in (the server having checked the new password)
 * gives the device this secret, which opens its data again: nothing kept on the tablet is lost.
 *
 * It is sent only in the answer to a correct password, never to a bearer token alone (so not by /api/me):
 * a stolen token does not open a stolen tablet. It never changes, so every device of the account keeps
 * working. Who reads the server's database and holds the tablet can open the tablet's data without the
 * password: docs/privacy.md says so.
 */
export function vaultSecretOf(storage: StorageOps, userId: string, now: Date): Promise<string> {
  return storage.vaultSecrets.getOrCreate(userId, randomBytes(32).toString('base64url'), now.toISOString());
}

/** The idle time before the app locks itself, unless IDLE_LOCK_MINUTES says otherwise. */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

/** IDLE_LOCK_MINUTES: minutes above 0 (fractions allowed), at most a day. */
export function idleLockMinutesFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_IDLE_LOCK_MINUTES;
  const minutes = Number(value);
  if (!(minutes > 0 && minutes <= 24 * 60))
    throw new Error(`IDLE_LOCK_MINUTES must be a number of minutes above 0 and at most 1440, got ${value}`);
  return minutes;
}
