/**
 * The vault (src/app/vault) as one lazily loaded chunk: unlocking, the sealed database, the sync engine's
 * start and the idle lock are needed before the user's database opens, but not to draw the first screen, so
 * they stay off the field agent's start-up JavaScript (GUIDE §4) and are precached by the service worker
 * like the rest.
 */
export { removeMyData, unsentState } from '../vault/erase';
export { sendWhileLocked, signInAndUnlock, startUnlocked, unlockStored } from '../vault/session';
export { VaultError } from '../vault/unlock';
