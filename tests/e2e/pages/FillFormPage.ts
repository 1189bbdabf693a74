import { AppPage } from './AppPage';

/** Fills the demo household survey, question by question, through the labels a person reads. */
export class FillFormPage extends AppPage {
  async fillText(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label).fill(value);
  }

  async choose(question: string, choice: string): Promise<void> {
    await this.page.getByRole('group', { name: question }).getByLabel(choice, { exact: true }).check();
  }

  async finalize(): Promise<void> {
    await this.page.getByRole('button', { name: 'Finaliser' }).click();
  }

  errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'Corrigez les réponses signalées' });
  }
}
