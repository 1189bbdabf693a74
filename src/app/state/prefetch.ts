import { registerServiceWorker } from '../pwa/update';

/**
 * The signed-in app and the code that signing in and unlocking run, in chunks of their own off the start
 * (GUIDE §4, first load).
 * The sign-in and unlock pages fetch them while the user types, so the survey list follows the password
 * sooner; from the precache, offline, they cost nothing.
 */
export const loadSync = () => import('./syncModule');
// The vault (unlock, the sealed database, the idle lock) loads once there is a session: off the first screen.
export const loadVault = () => import('./vaultModule');
export const loadShell = () => import('../components/AppShell');

/** Once the sign-in or unlock page is usable: the rest of the app, then the service worker's precache. */
export function prefetchSignedIn(): void {
  // The session's schema too: signing in checks the session it saves (db/sessionStore.ts), and a new user's
  // sign-in page has not loaded it (it is off the start chunk), which cost a round trip after "Se connecter".
  void Promise.all([loadShell(), loadSync(), loadVault(), import('../db/sessionSchema')])
    .catch(() => undefined)
    .then(registerServiceWorker);
}
