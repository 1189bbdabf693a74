import type { Page } from 'playwright-core';

/** What the sync bar showed at one moment, and every alert on the page then. */
export interface SyncBarSnapshot {
  /** ms since the log started. */
  at: number;
  /** The bar's visible text, one line per line break, whitespace collapsed. */
  text: string;
  alerts: string[];
}

const BINDING = '__terrainSyncBarSeen';
const REGION = 'État de la synchronisation';

/** Watches the page for changes and reports each new state of the bar (runs in the page). */
function watch({ binding, region }: { binding: string; region: string }): void {
  const report = (globalThis as unknown as Record<string, (s: unknown) => void>)[binding];
  if (!report) return;
  let last = '';
  const look = () => {
    const bar = document.querySelector(`section[aria-label="${region}"]`);
    const text = bar instanceof HTMLElement ? bar.innerText.replace(/[ \t]+/g, ' ').trim() : '';
    const alerts = [...document.querySelectorAll('[role="alert"]')]
      .map((a) => (a.textContent ?? '').trim())
      .filter(Boolean);
    const key = JSON.stringify([text, alerts]);
    if (key === last) return;
    last = key;
    report({ text, alerts });
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  look();
}

/**
 * Records every distinct state of the sync bar — and of any alert on the page — from now on, across
 * reloads, as a person watching the screen would have seen it. A MutationObserver reports each change, so
 * short-lived states (a progress step, a passing error) are caught that polling could miss.
 */
export class SyncBarLog {
  readonly snapshots: SyncBarSnapshot[] = [];
  private readonly start = Date.now();

  private constructor() {}

  static async record(page: Page): Promise<SyncBarLog> {
    const log = new SyncBarLog();
    await page.exposeBinding(BINDING, (_source, seen: { text: string; alerts: string[] }) => {
      log.snapshots.push({ at: Date.now() - log.start, ...seen });
    });
    const args = { binding: BINDING, region: REGION };
    await page.addInitScript(watch, args);
    await page.evaluate(watch, args);
    return log;
  }

  /** Each distinct text of the bar, in order. */
  texts(): string[] {
    return this.snapshots.map((s) => s.text);
  }

  /** A readable transcript for failure messages. */
  transcript(): string {
    return this.snapshots
      .map(
        (s) =>
          `${String(s.at).padStart(6)} ms | ${s.text.replace(/\n/g, ' ¶ ')}${s.alerts.length ? ` | ALERTS: ${s.alerts.join(' / ')}` : ''}`,
      )
      .join('\n');
  }
}
