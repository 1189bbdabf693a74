import { flushPendingSaves } from './pendingSaves';

/**
 * The service worker's update flow. A new version never reloads by itself: the user is offered a reload,
 * and pending draft saves are flushed before it happens.
 */
export interface UpdateState {
  needRefresh: boolean;
  offlineReady: boolean;
}

let state: UpdateState = { needRefresh: false, offlineReady: false };
let updateSW: ((reloadPage?: boolean) => Promise<void>) | null = null;
/** The user asked for the new version in this tab. */
let requested = false;
/** The new version already controls this page (e.g. the user accepted it in another tab). */
let controllerUpdated = false;
const listeners = new Set<() => void>();

function setState(patch: Partial<UpdateState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function getUpdateState(): UpdateState {
  return state;
}

export function subscribeToUpdates(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Register `/sw.js` (production builds only; the dev server has no service worker). */
let registered = false;

/**
 * Registers the service worker, once, when the first screen is shown (the sign-in, unlock or home page):
 * its install downloads the whole app into the precache, which on a slow link would compete with the first
 * screen's own code (GUIDE §4, first load).
 */
export async function registerServiceWorker(): Promise<void> {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  const { registerSW } = await import('virtual:pwa-register');
  updateSW = registerSW({
    immediate: true,
    onNeedRefresh: () => setState({ needRefresh: true }),
    onOfflineReady: () => setState({ offlineReady: true }),
    // Called when the new worker takes control. Reload only if this tab asked for it: an update accepted
    // in another tab must not reload this one under the agent's fingers.
    onNeedReload: () => {
      controllerUpdated = true;
      if (requested) window.location.reload();
      else setState({ needRefresh: true });
    },
  });
}

export async function applyUpdate(): Promise<void> {
  await flushPendingSaves();
  requested = true;
  if (controllerUpdated) {
    window.location.reload();
    return;
  }
  // A page opened before the first worker was installed (the first visit) is not controlled by any worker:
  // nothing made the new one wait, it is already active, and no `controlling` event will come to reload.
  const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
  if (!waiting) {
    window.location.reload();
    return;
  }
  await updateSW?.(true);
}

export function dismissOfflineReady(): void {
  setState({ offlineReady: false });
}
