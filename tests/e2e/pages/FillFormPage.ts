import type { Locator, Page } from 'playwright-core';
import { TestDevice } from '../harness/testDevice';
import { AppPage } from './AppPage';

/** A submission as this device stored it (IndexedDB `submissions`). */
export interface StoredSubmission {
  id: string;
  formId: string;
  formVersion: string;
  syncState: string;
  data: Record<string, unknown>;
}

/** Fills a form, question by question, through the labels and button names a person reads. */
export class FillFormPage extends AppPage {
  async fillText(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label).fill(value);
  }

  /**
   * Types a date (`2026-11-23`) in the day, month and year fields of a date question, as a person would in
   * either language (labels Jour/Day, Mois/Month, Année/Year; the month picked by number).
   */
  async fillDate(label: string, iso: string): Promise<void> {
    const [year = '', month = '', day = ''] = iso.split('-');
    const group = this.question(label);
    await group.getByLabel(/^(Jour|Day)$/).fill(String(Number(day)));
    await group.getByLabel(/^(Mois|Month)$/).selectOption(String(Number(month)));
    await group.getByLabel(/^(Année|Year)$/).fill(year);
  }

  /** Picks one choice; `within` narrows the search to a part of the form, such as a repeat instance. */
  async choose(question: string, choice: string, within: Page | Locator = this.page): Promise<void> {
    await this.question(question, within).getByLabel(choice, { exact: true }).check();
  }

  /** Ticks choices of a select_multiple question (unticks them when `checked` is false). */
  async tick(
    question: string,
    choices: string[],
    within: Page | Locator = this.page,
    checked = true,
  ): Promise<void> {
    for (const choice of choices) {
      await this.question(question, within).getByLabel(choice, { exact: true }).setChecked(checked);
    }
  }

  /** Picks an option of a drop-down list (select_one with appearance `minimal`), by its label. */
  async select(question: string, option: string): Promise<void> {
    await this.page.getByLabel(question).selectOption({ label: option });
  }

  /** A question answered with several inputs (choices, coordinates): its fieldset, by its label. */
  question(label: string, within: Page | Locator = this.page): Locator {
    return within.getByRole('group', { name: label, exact: true });
  }

  /** The line under the title that names the form version being filled. */
  formVersion(version: string): Locator {
    return this.page.locator('.form-meta').filter({ hasText: `Version ${version} ·` });
  }

  /** One instance of a repeat, e.g. "Membre 2". */
  instance(name: string): Locator {
    return this.page.getByRole('group', { name, exact: true });
  }

  async addInstance(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Ajouter : ${name}` }).click();
    return this.instance(name);
  }

  /** Picks a photo through the question's file input; resolves once its thumbnail shows (it is stored). */
  async attachPhoto(label: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).setInputFiles(file);
    await this.page.getByRole('img', { name: label, exact: true }).waitFor();
  }

  /** Answers the demo household survey (the seed's form) with a woman-headed household using a borehole. */
  async fillHousehold(respondent: string, size: string): Promise<void> {
    await this.fillText('Nom de la personne interrogée', respondent);
    await this.fillText('Nombre de personnes dans le ménage', size);
    await this.choose('Sexe du chef de ménage', 'Femme');
    await this.choose('Sources d’eau utilisées', 'Forage');
    await this.fillDate('Date de la visite', '2026-11-23');
    await this.page.getByRole('button', { name: 'Utiliser ma position' }).click();
  }

  async finalize(): Promise<void> {
    await this.page.getByRole('button', { name: 'Finaliser' }).click();
  }

  /**
   * Answers the demo household form ("Enquête ménage") as an agent would, its required questions and the
   * position, and finalizes it.
   */
  async finalizeHousehold(answers: { name: string; members: string; date: string }): Promise<void> {
    await this.fillText('Nom de la personne interrogée', answers.name);
    await this.fillText('Nombre de personnes dans le ménage', answers.members);
    await this.choose('Sexe du chef de ménage', 'Femme');
    await this.choose('Sources d’eau utilisées', 'Forage');
    await this.fillDate('Date de la visite', answers.date);
    await this.page.getByRole('button', { name: 'Utiliser ma position' }).click();
    await this.finalize();
  }

  errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'Corrigez les réponses signalées' });
  }

  /** The `data` of every submission stored on this device (read from IndexedDB, as the app stored it). */
  async storedSubmissionData(): Promise<Record<string, unknown>[]> {
    return (await this.storedSubmissions()).map((row) => row.data);
  }

  /**
   * Every submission stored on this device, as the app stored it: read through the app's own sealed
   * database, opened with the user's password (IndexedDB itself holds them sealed).
   */
  async storedSubmissions(): Promise<StoredSubmission[]> {
    return (await new TestDevice(this.page).read()).submissions;
  }
}
