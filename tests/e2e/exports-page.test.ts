import * as XLSX from '@e965/xlsx';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../src/core/hlc';
import { FormDefinition } from '../../src/core/forms/definition';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const PHONE = '+223 76 12 34 56';

/** A small form whose answers test what spreadsheets read: a phone, a number, a date, an accented name. */
const contacts = FormDefinition.parse({
  id: 'contacts',
  version: '1',
  title: { fr: 'Contacts des relais', en: 'Relay contacts' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    { kind: 'question', type: 'text', name: 'nom', label: { fr: 'Nom' } },
    { kind: 'question', type: 'text', name: 'telephone', label: { fr: 'Téléphone' } },
    { kind: 'question', type: 'integer', name: 'taille', label: { fr: 'Taille du ménage' } },
    { kind: 'question', type: 'date', name: 'jour', label: { fr: 'Jour' } },
  ],
  choiceLists: {},
});

/** Saves the browser's download that `click` starts, and returns its name and bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

describe('the Exports page', () => {
  const suite = e2eSuite('exports-page', { forms: [contacts] });

  it('a supervisor downloads a CSV and an XLSX that spreadsheets read right, in French and English', async () => {
    const agent = await suite.server.withStorage((s) => s.userByUsername('agent'));
    const at = new Date('2026-11-30T09:00:00.000Z');
    const id = '5d1c0b9e-3c57-4f0e-9a57-0f4a3c1e0001';
    await suite.server.withStorage((storage) =>
      storage.transaction((tx) =>
        tx.insertNewEntities([
          {
            tbl: 'submissions',
            id,
            projectId: DEMO_PROJECT.id,
            createdBy: agent!.id,
            data: {
              id,
              formId: contacts.id,
              formVersion: contacts.version,
              projectId: DEMO_PROJECT.id,
              data: { nom: 'Aïssata Maïga', telephone: PHONE, taille: 7, jour: '2026-11-30' },
              startedAt: at.toISOString(),
              finalizedAt: at.toISOString(),
              replaces: null,
              createdBy: agent!.id,
            },
            hlc: encodeHlc({ wall: at.getTime(), counter: 0, node: 'e2e' }),
            updatedAt: at.toISOString(),
          },
        ]),
      ),
    );

    const { context, page } = await suite.signedIn('supervisor');
    await new HomePage(page).waitForForm('Contacts des relais');
    await page.getByRole('navigation').getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    await page
      .getByRole('combobox', { name: 'Formulaire' })
      .selectOption({ label: 'Contacts des relais (SN-GAO-2026)' });
    await expectAccessible(page, 'the Exports page in French');

    // CSV (the default format): a UTF-8 byte-order mark for Excel, the phone number as it was typed.
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'Télécharger' }).click());
    expect(csv.name).toBe('contacts.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^SubmissionDate,nom,telephone,taille,jour,KEY/);
    expect(text).toContain(`,Aïssata Maïga,${PHONE},7,2026-11-30,`);
    await page.getByText('Fichier contacts.csv téléchargé').waitFor();

    // XLSX: the household size is a number cell, the date a date cell, the phone text.
    await page.getByRole('radio', { name: /^XLSX/ }).check();
    const xlsx = await downloaded(page, () => page.getByRole('button', { name: 'Télécharger' }).click());
    expect(xlsx.name).toBe('contacts.xlsx');
    const book = XLSX.read(xlsx.bytes, { cellDates: true });
    const sheet = book.Sheets[book.SheetNames[0] ?? '']!;
    const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0] ?? [];
    const cell = (name: string) =>
      sheet[XLSX.utils.encode_cell({ r: 2, c: header.indexOf(name) })] as XLSX.CellObject | undefined;
    expect(cell('taille')).toMatchObject({ t: 'n', v: 7 });
    expect(cell('jour')?.t).toBe('d');
    expect(cell('telephone')).toMatchObject({ t: 's', v: PHONE });

    // In English, the same page; offline, it says the download needs the network.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    await page.getByText('File contacts.xlsx downloaded').waitFor();
    await expectAccessible(page, 'the Exports page in English');
    await context.setOffline(true);
    await page.getByText(/^Offline: the download needs a connection/).waitFor();
    expect(await page.getByRole('button', { name: 'Download' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'the Exports page offline');
    await context.setOffline(false);
  });

  it('tells a focal point in words why the server refused an export', async () => {
    const { page } = await suite.signedIn('focal');
    await new HomePage(page).waitForForm('Contacts des relais');
    await page.getByRole('navigation').getByRole('link', { name: 'Exports' }).click();
    // IATI is for supervisors, or the focal point of the project: the demo project has none.
    await page.getByRole('radio', { name: /^IATI/ }).check();
    await page.getByRole('button', { name: 'Télécharger' }).click();
    await page.getByRole('alert').getByText('Vous n’avez pas le droit de faire cet export.').waitFor();
    await expectAccessible(page, 'the Exports page with an error');
    // An agent has no link to the page.
    const { page: agentPage } = await suite.signedIn('agent');
    await new HomePage(agentPage).waitForForm('Contacts des relais');
    expect(await agentPage.getByRole('navigation').getByRole('link', { name: 'Exports' }).count()).toBe(0);
  });
});
