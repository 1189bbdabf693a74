import type { Page } from 'playwright-core';

/** The unlock page of a locked app (after a reload or an idle time); labels in French. */
export class UnlockPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Terrain est verrouillé' });
  }

  async unlock(password: string): Promise<void> {
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('button', { name: 'Déverrouiller' }).click();
  }
}
