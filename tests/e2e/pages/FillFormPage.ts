import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** Fills a form, question by question, through the labels and button names a person reads. */
export class FillFormPage extends AppPage {
  async fillText(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label).fill(value);
  }

  async choose(question: string, choice: string): Promise<void> {
    await this.question(question).getByLabel(choice, { exact: true }).check();
  }

  /** A question answered with several inputs (choices, coordinates): its fieldset, by its label. */
  question(label: string): Locator {
    return this.page.getByRole('group', { name: label, exact: true });
  }

  /** One instance of a repeat, e.g. "Membre 2". */
  instance(name: string): Locator {
    return this.page.getByRole('group', { name, exact: true });
  }

  async addInstance(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Ajouter : ${name}` }).click();
    return this.instance(name);
  }

  async finalize(): Promise<void> {
    await this.page.getByRole('button', { name: 'Finaliser' }).click();
  }

  errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'Corrigez les réponses signalées' });
  }

  /** The `data` of every submission stored on this device (read from IndexedDB, as the app stored it). */
  async storedSubmissionData(): Promise<Record<string, unknown>[]> {
    return this.page.evaluate(async () => {
      const infos = await indexedDB.databases();
      const name = infos.map((d) => d.name).find((n) => n?.startsWith('terrain-'));
      if (!name) return [];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
      const rows = await new Promise<{ data: Record<string, unknown> }[]>((resolve, reject) => {
        const request = db.transaction('submissions').objectStore('submissions').getAll();
        request.onsuccess = () => resolve(request.result as { data: Record<string, unknown> }[]);
        request.onerror = () => reject(new Error(String(request.error)));
      });
      db.close();
      return rows.map((row) => row.data);
    });
  }
}
