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

  /** The card of the form offered for new submissions (its latest version). */
  formCard(formTitle: string): Locator {
    return this.page.locator('section.project li.card').filter({ has: this.newSubmissionButton(formTitle) });
  }

  /** The card of a draft in progress, found by the form version it was started on. */
  draft(formTitle: string, version: string): Locator {
    return this.page
      .locator('li.card-draft')
      .filter({ hasText: formTitle })
      .filter({ hasText: `version ${version}` });
  }

  async continueDraft(formTitle: string, version: string): Promise<void> {
    await this.draft(formTitle, version)
      .getByRole('button', { name: new RegExp(`^Continuer\\W+(.+ — )?${formTitle}$`) })
      .click();
  }
}
