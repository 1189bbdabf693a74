import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

export interface UploadFile {
  name: string;
  buffer: Buffer;
}

/** The Forms page (`#/forms`) of supervisors, through the names a person reads (French). */
export class FormsAdminPage extends AppPage {
  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Formulaires', exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Formulaires' }).waitFor();
  }

  /** Drops files on the drop zone as a file manager would (a drop event carrying them). */
  async drop(files: UploadFile[]): Promise<void> {
    const payload = files.map((file) => ({ name: file.name, base64: file.buffer.toString('base64') }));
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const transfer = new DataTransfer();
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name));
      }
      return transfer;
    }, payload);
    await this.page.getByTestId('form-drop-zone').dispatchEvent('drop', { dataTransfer });
  }

  /** Picks the XLSForm with its file input (the keyboard's way). */
  async chooseForm(file: UploadFile): Promise<void> {
    await this.page.getByLabel('XLSForm (.xlsx ou .xls)').setInputFiles({
      name: file.name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file.buffer,
    });
  }

  /** The rows of a table of problems or warnings, cell by cell (header row left out). */
  async tableRows(caption: RegExp): Promise<string[][]> {
    const table = this.page.getByRole('table', { name: caption });
    await table.waitFor();
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map((row) => row.locator('td').allInnerTexts()));
  }

  /** The list of a form's versions on the page, by the form's title. */
  versions(title: string): Locator {
    return this.page.getByRole('list', { name: `Versions de « ${title} »` });
  }
}
