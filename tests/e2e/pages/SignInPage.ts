import type { Page } from 'playwright-core';

/** The sign-in page; labels in French (the tests run with a French browser, as in Gao). */
export class SignInPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel("Nom d'utilisateur").fill(username);
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
  }
}
