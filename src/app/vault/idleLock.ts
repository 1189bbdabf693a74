/** What counts as using the app. `scroll` does not bubble: listened to in the capture phase. */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `onIdle` once after `minutes` without activity (the server's IDLE_LOCK_MINUTES). A tab in the
 * background has its timers slowed by the browser: the elapsed time is checked again when it is shown, so
 * a tablet left for an hour locks the moment it is picked up. Returns a function that stops watching.
 */
export function watchIdle(minutes: number, onIdle: () => void, now: () => number = Date.now): () => void {
  const limit = minutes * 60_000;
  let last = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const activity = () => {
    last = now();
  };
  const check = () => {
    clearTimeout(timer);
    const idle = now() - last;
    if (idle < limit) {
      timer = setTimeout(check, limit - idle);
      return;
    }
    stop();
    onIdle();
  };
  const stop = () => {
    clearTimeout(timer);
    for (const type of ACTIVITY) window.removeEventListener(type, activity, true);
    document.removeEventListener('visibilitychange', check);
  };
  for (const type of ACTIVITY) window.addEventListener(type, activity, { capture: true, passive: true });
  document.addEventListener('visibilitychange', check);
  timer = setTimeout(check, limit);
  return stop;
}
