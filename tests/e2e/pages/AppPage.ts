import type { Locator, Page } from 'playwright-core';

/** What every signed-in page has: the header navigation and the sync bar. */
export class AppPage {
  constructor(readonly page: Page) {}

  get syncBar(): Locator {
    return this.page.getByRole('region', { name: 'État de la synchronisation' });
  }

  async goHome(): Promise<void> {
    await this.page.getByRole('link', { name: 'Accueil', exact: true }).click();
  }

  async goToSubmissions(): Promise<void> {
    await this.page.getByRole('link', { name: 'Soumissions', exact: true }).click();
  }

  async syncNow(): Promise<void> {
    await this.syncBar.getByRole('button', { name: 'Synchroniser' }).click();
  }

  /** Resolves once a service worker controls the page, so a reload can be served with no network. */
  async waitForOfflineReady(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }
}
