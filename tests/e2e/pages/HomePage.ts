import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

export class HomePage extends AppPage {
  newSubmissionButton(formTitle: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^Nouvelle saisie\\W+${formTitle}$`) });
  }

  async waitForForm(formTitle: string): Promise<void> {
    await this.newSubmissionButton(formTitle).waitFor();
  }

  async newSubmission(formTitle: string): Promise<void> {
    await this.newSubmissionButton(formTitle).click();
  }
}
