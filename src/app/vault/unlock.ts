import {
  countAttempt,
  forgiveAttempts,
  readEntry,
  updateEntry,
  writeEntry,
  type KeyringEntry,
} from './keyring';
import { deleteOrphanDb } from './openSealedDb';
import { newDataKey, newKdfParams, passwordKey, secretKey, unwrap, wrap, type KdfParams } from './keys';

/** The idle time before the app locks, when the server says none (an older server). */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export type VaultErrorCode =
  /** The password does not unwrap the data key. */
  | 'wrong_password'
  /** Too many wrong passwords: `retryAt` says when to try again. */
  | 'throttled'
  /** This user never signed in online on this device (or removed their data): sign in with the network. */
  | 'no_vault'
  /** Neither the password nor the server's secret opens the data kept here for this user. */
  | 'vault_mismatch';

export class VaultError extends Error {
  override name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

/** An unlocked vault: the data key (in memory only, not extractable) and the idle time. */
export interface Unlocked {
  key: CryptoKey;
  idleLockMinutes: number;
}

/**
 * Wrong passwords on this device: three are free (typing on a tablet), then each waits twice as long as the
 * one before, from 30 seconds up to 15 minutes. The time a derivation takes (PBKDF2, about 0.2 s) bounds
 * guessing further; someone who copies the wrapped key off the device escapes both, which is why the
 * password policy and the iteration count matter (docs/privacy.md).
 */
export function throttleDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(30_000 * 2 ** (failures - 3), 15 * 60_000);
}

/**
 * Unlocks offline with the password alone, after one online sign-in made the user's entry here. Throws
 * VaultError: `no_vault`, `throttled` (nothing tried), `wrong_password`.
 */
export async function unlockOffline(userId: string, password: string, now = Date.now()): Promise<Unlocked> {
  const entry = await countAttempt(userId, now, throttleDelayMs);
  if (!entry) throw new VaultError('no_vault', 'Sign in with the network once on this device');
  if (entry.retryAt > now) throw new VaultError('throttled', 'Too many wrong passwords', entry.retryAt);
  let key: CryptoKey;
  try {
    key = await unwrap(entry.byPassword, await passwordKey(password, entry.kdf));
  } catch {
    const after = await readEntry(userId);
    throw new VaultError(
      'wrong_password',
      'Wrong password',
      after && after.retryAt > now ? after.retryAt : undefined,
    );
  }
  await forgiveAttempts(userId);
  return { key, idleLockMinutes: entry.idleLockMinutes };
}

/**
 * After an online sign-in (the server checked the password): opens the user's entry, or makes it at their
 * first sign-in here (a new data key, wrapped under the password and under the server's secret).
 *
 * When the password no longer opens the entry (an operator reset it, `users reset-password`), the server's
 * secret does, and the data key is wrapped again under the new password: the device's data is kept. Throws
 * VaultError `vault_mismatch` when neither opens it.
 */
export async function unlockOnline(
  userId: string,
  password: string,
  secret: string | undefined,
  idleLockMinutes = DEFAULT_IDLE_LOCK_MINUTES,
  fresh?: FreshPasswordKey,
): Promise<Unlocked> {
  const entry = await readEntry(userId);
  if (!entry) return create(userId, password, secret, idleLockMinutes, fresh ?? freshPasswordKey(password));
  const byPassword = await passwordKey(password, entry.kdf);
  const fromPassword = await unwrap(entry.byPassword, byPassword, true).catch(() => null);
  const bySecret = secret === undefined ? null : await secretKey(secret);
  const fromSecret =
    fromPassword || !bySecret || !entry.bySecret
      ? null
      : await unwrap(entry.bySecret, bySecret, true).catch(() => null);
  const dataKey = fromPassword ?? fromSecret;
  if (!dataKey)
    throw new VaultError('vault_mismatch', 'The data kept on this device for this account cannot be opened');

  const changes: Partial<KeyringEntry> = { idleLockMinutes, failures: 0, retryAt: 0 };
  let wrapping = { wrapped: entry.byPassword, key: byPassword };
  if (!fromPassword) {
    // The password changed on the server: wrap again under the new one, with a new salt.
    changes.kdf = newKdfParams(entry.kdf.iterations);
    const key = await passwordKey(password, changes.kdf);
    changes.byPassword = await wrap(dataKey, key);
    wrapping = { wrapped: changes.byPassword, key };
  }
  // Keep the secret's copy in step with the server (first sign-in of an older entry, a restored server).
  if (bySecret && !(entry.bySecret && (await opens(entry.bySecret, bySecret))))
    changes.bySecret = await wrap(dataKey, bySecret);
  await updateEntry(userId, changes);
  return { key: await unwrap(wrapping.wrapped, wrapping.key), idleLockMinutes };
}

/**
 * Wraps the data key under a new password (the old one must open it): the data stays as it is, only its
 * wrapping changes.
 */
export async function changePassword(
  userId: string,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const entry = await readEntry(userId);
  if (!entry) throw new VaultError('no_vault', 'No data kept here for this account');
  const dataKey = await unwrap(entry.byPassword, await passwordKey(oldPassword, entry.kdf), true).catch(
    () => {
      throw new VaultError('wrong_password', 'Wrong password');
    },
  );
  const kdf = newKdfParams(entry.kdf.iterations);
  await updateEntry(userId, { kdf, byPassword: await wrap(dataKey, await passwordKey(newPassword, kdf)) });
}

/** A password key under a new salt, for a user's first entry on this device. */
export interface FreshPasswordKey {
  kdf: KdfParams;
  key: Promise<CryptoKey>;
}

/**
 * Starts deriving the password key of a first entry. The sign-in page starts it while the server checks the
 * password (PBKDF2 takes about as long as a round trip on a tablet), so a new user waits for one, not both;
 * when the device already keeps the user's data it goes unused.
 */
export function freshPasswordKey(password: string): FreshPasswordKey {
  const kdf = newKdfParams();
  const key = passwordKey(password, kdf);
  // Unused, a failure must not surface as an unhandled rejection; used, `await key` still throws it.
  key.catch(() => undefined);
  return { kdf, key };
}

async function create(
  userId: string,
  password: string,
  secret: string | undefined,
  idleLockMinutes: number,
  fresh: FreshPasswordKey,
): Promise<Unlocked> {
  await deleteOrphanDb(userId);
  const dataKey = await newDataKey();
  const { kdf } = fresh;
  const byPassword = await fresh.key;
  const entry: KeyringEntry = {
    userId,
    kdf,
    byPassword: await wrap(dataKey, byPassword),
    idleLockMinutes,
    failures: 0,
    retryAt: 0,
    createdAt: new Date().toISOString(),
  };
  if (secret !== undefined) entry.bySecret = await wrap(dataKey, await secretKey(secret));
  await writeEntry(entry);
  // The copy kept is unwrapped anew, not extractable: the raw key's bytes never reach JavaScript.
  return { key: await unwrap(entry.byPassword, byPassword), idleLockMinutes };
}

const opens = (wrapped: Uint8Array<ArrayBuffer>, key: CryptoKey) =>
  unwrap(wrapped, key).then(
    () => true,
    () => false,
  );
