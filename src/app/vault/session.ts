import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { Session } from '../db/sessionStore';
import type { TerrainDb } from '../db/TerrainDb';
import { SyncEngine } from '../sync/SyncEngine';
import { SESSION_END_REASONS } from '../../core/sync/auth';
import { shredUser } from './erase';
import { watchIdle } from './idleLock';
import { readEntry } from './keyring';
import { openSealedDb } from './openSealedDb';
import { loadSealContext, prepareSealed } from './prepareSealed';
import { sendOthersSealed, sendSealedOutbox } from './sealedOutbox';
import { ServerSealer } from './serverSeal';
import { freshPasswordKey, unlockOffline, unlockOnline, type Unlocked } from './unlock';

/**
 * The vault's side of the app's session (called by src/app/state/AppProvider.tsx, which stays small because
 * it is start-up JavaScript): signing in unlocks, unlocking opens the sealed database and starts the sync
 * engine and the idle lock, and a revoked account or device shreds the user's data.
 */

/** An online sign-in: the server checks the password, the vault opens (or makes) the user's data key. */
export async function signInAndUnlock(
  api: ApiClient,
  username: string,
  password: string,
): Promise<{ session: Session; unlocked: Unlocked }> {
  const fresh = freshPasswordKey(password);
  const response = await api.login({ username, password });
  const unlocked = await unlockOnline(
    response.user.id,
    password,
    response.vaultSecret,
    response.idleLockMinutes,
    fresh,
  );
  return {
    session: { token: response.token, expiresAt: response.expiresAt, user: response.user },
    unlocked,
  };
}

/**
 * Unlocks a stored session with the password: offline when this device keeps the user's key; otherwise
 * (an app updated from before the vault, a user whose data was removed) `null`, and the caller signs in
 * online with the session's username.
 */
export async function unlockStored(session: Session, password: string): Promise<Unlocked | null> {
  if (!(await readEntry(session.user.id))) return null;
  return unlockOffline(session.user.id, password);
}

/** Whether a sync failure says that the account was disabled or this device revoked. */
export function isRevocation(error: unknown): boolean {
  if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) return false;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return (
    (SESSION_END_REASONS as readonly unknown[]).includes(reason) ||
    (error.status === 403 && reason === 'revoked')
  );
}

export interface Started {
  db: TerrainDb;
  engine: SyncEngine;
  stop(): void;
}

/**
 * Opens the user's sealed database and starts its sync engine and the idle lock. `onLock` runs when the app
 * must lock (idle, or the database closed under it: another tab shredded or removed the data);
 * `onRevoked` after this device's copy of the user's data was destroyed.
 */
export async function startUnlocked(
  userId: string,
  unlocked: Unlocked,
  api: ApiClient,
  handlers: { onLock: () => void; onRevoked: () => void },
): Promise<Started> {
  const sealer = new ServerSealer();
  const db = await openSealedDb(userId, unlocked.key, undefined, sealer);
  await loadSealContext(db, sealer);
  let stopped = false;
  const engine = new SyncEngine({
    db,
    api,
    beforePush: (fresh) => prepareSealed(db, api, sealer, fresh),
    afterSync: async () => (await sendOthersSealed(userId, api)).changes,
    onFailure: (error) => {
      if (stopped || !isRevocation(error)) return;
      // What could be sent was sent (the push runs before the failure that tells); the rest is shredded.
      stop();
      void shredUser(userId, db.name).finally(handlers.onRevoked);
    },
  });
  const stopIdle = watchIdle(unlocked.idleLockMinutes, handlers.onLock);
  db.on('close', () => {
    if (!stopped) handlers.onLock();
  });
  const stop = () => {
    stopped = true;
    stopIdle();
    engine.stop();
    db.close();
  };
  engine.start();
  return { db, engine, stop };
}

/**
 * While the app is locked (a session, no key in memory): sends what waits sealed, the user's own changes
 * and then those other users of this tablet left (./sealedOutbox.ts). When the server says the account was
 * disabled or this device revoked, what could be sent was sent, and the user's data is shredded: `revoked`.
 */
export async function sendWhileLocked(userId: string, api: ApiClient): Promise<'sent' | 'revoked'> {
  try {
    await sendSealedOutbox(`terrain-${userId}`, api);
    await sendOthersSealed(userId, api);
    return 'sent';
  } catch (error) {
    if (!isRevocation(error)) throw error;
    await shredUser(userId);
    return 'revoked';
  }
}
