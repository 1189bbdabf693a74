import type { Locator, Page } from 'playwright-core';

/** Reads "Envoi des saisies : 120 sur 800" (or null when the bar shows no count). */
export function parseProgress(text: string): { sent: number; total: number } | null {
  const match = /Envoi des saisies : (\d+) sur (\d+)/.exec(text);
  return match ? { sent: Number(match[1]), total: Number(match[2]) } : null;
}

/** "Envoi des photos et fichiers : 262 ko sur 728 ko" (amounts as shown), or null. */
export function mediaProgressText(text: string): string | null {
  return /Envoi des photos et fichiers : .+ sur .+/.exec(text)?.[0] ?? null;
}

/** The sync bar every signed-in page shows, read as a person reads it (French). */
export class SyncBar {
  constructor(readonly region: Locator) {}

  static of(page: Page): SyncBar {
    return new SyncBar(page.getByRole('region', { name: 'État de la synchronisation' }));
  }

  offline(): Locator {
    return this.region.getByText('Hors ligne', { exact: true });
  }

  online(): Locator {
    return this.region.getByText('En ligne', { exact: true });
  }

  /** The words that tell an agent with no network that nothing is lost. */
  offlineNote(): Locator {
    return this.region.getByText('Vos saisies restent sur l’appareil et partiront au retour du réseau.');
  }

  /** A sync problem the bar reports (its words must say what happens next). */
  alert(): Locator {
    return this.region.getByRole('alert');
  }

  waiting(count: number): Locator {
    return this.region.getByText(`${count} en attente`, { exact: true });
  }

  /** The "Synchroniser" button, enabled: no sync is running. */
  idleButton(): Locator {
    return this.region.locator('button:enabled', { hasText: 'Synchroniser' });
  }

  get page(): Page {
    return this.region.page();
  }

  async text(): Promise<string> {
    return this.region.innerText();
  }

  async pending(): Promise<number> {
    const match = /(\d+) en attente/.exec(await this.text());
    if (!match) throw new Error(`The sync bar shows no pending count: ${await this.text()}`);
    return Number(match[1]);
  }

  /**
   * The last sync went through and nothing waits: no sync runs, no problem is shown, "0 en attente". Checked
   * as one state of the bar, not as three conditions that could each hold at a different moment.
   */
  async waitForAllSent(timeout: number): Promise<void> {
    // Inner locators of `has`/`hasNot` are relative to the bar.
    const page = this.page;
    await this.region
      .filter({ has: page.getByText('0 en attente', { exact: true }), hasNot: page.getByRole('alert') })
      .filter({ has: page.locator('button:enabled', { hasText: 'Synchroniser' }) })
      .waitFor({ timeout });
  }
}
