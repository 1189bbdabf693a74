import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';
const SAMPLE = readFileSync(new URL('../server/iati/files/sample.xml', import.meta.url));
const MALFORMED = Buffer.from('<iati-activities>\n<iati-activity>\n</iati-activities>');
const NO_IDENTIFIER = Buffer.from('<iati-activities>\n<iati-activity/>\n</iati-activities>');
const xml = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/xml', buffer });

describe('an admin imports an IATI file from the IATI import page', () => {
  const suite = e2eSuite('iati-import-page');

  it('previews, imports, shows a refused file’s line and reason, and is online and admin only', async () => {
    const { context, page } = await suite.signedIn('admin');
    await new HomePage(page).waitForForm(FORM);
    await page.getByRole('link', { name: 'Import IATI', exact: true }).click();
    await page.getByRole('heading', { name: 'Import IATI', level: 1 }).waitFor();
    const input = page.getByLabel('Fichier IATI (.xml)');
    const importButton = page.getByRole('button', { name: 'Importer', exact: true });

    // Offline: said, and nothing can be sent.
    await context.setOffline(true);
    await page.getByText('Hors ligne : l’import IATI se fait avec le serveur.', { exact: false }).waitFor();
    expect(await input.isDisabled()).toBe(true);
    await context.setOffline(false);
    await expect.poll(() => input.isDisabled()).toBe(false);

    // The preview: nothing written yet.
    await input.setInputFiles(xml('wash.xml', SAMPLE));
    await page.getByText('Aperçu : rien n’a encore été écrit.').waitFor({ timeout: 30_000 });
    await page.getByText(/^7 créé\(s\), 0 mis à jour, 0 en conflit/).waitFor();
    await page.getByRole('cell', { name: 'ML-NIF-0042-WASH-01' }).first().waitFor();
    await page.getByRole('rowheader', { name: /^Projet iati-\w+$/ }).waitFor();
    // What the file leaves out, said in French from the server's codes.
    await page
      .getByRole('listitem')
      .filter({
        hasText:
          'ML-NIF-0042-WASH-01 : participating-org ligne 10 laissé de côté (référence ou rôle absent ou non valide)',
      })
      .waitFor();
    await expectAccessible(page, 'the IATI import preview (fr)', ['wcag22aa']);
    await saveScreenshot(page, 'iati-import-preview-fr');

    // The import, and what it tells of the devices.
    await importButton.click();
    await page
      .getByText('Import terminé. Les appareils reçoivent ces données à leur prochaine synchronisation.')
      .waitFor({ timeout: 30_000 });
    await page.getByText(/^7 créé\(s\)/).waitFor();
    expect(await importButton.count()).toBe(0);
    // The same file again: now already there.
    await input.setInputFiles(xml('wash.xml', SAMPLE));
    await page
      .getByText(/0 créé\(s\), 0 mis à jour, 0 en conflit, 7 inchangé\(s\)/)
      .waitFor({ timeout: 30_000 });

    // A file without an identifier: its line and the activity, in French.
    await input.setInputFiles(xml('anonymous.xml', NO_IDENTIFIER));
    await page
      .getByText('Fichier refusé, ligne 2 : l’activité 1 n’a pas d’iati-identifier', { exact: true })
      .waitFor({ timeout: 30_000 });
    // A malformed file: its line, column and reason, and nothing to import.
    await input.setInputFiles(xml('broken.xml', MALFORMED));
    await page.getByText(/^Fichier refusé, ligne 3, colonne \d+ : balise fermante inattendue$/).waitFor({
      timeout: 30_000,
    });
    expect(await importButton.count()).toBe(0);
    await expectAccessible(page, 'the IATI import refusal (fr)', ['wcag22aa']);

    // In English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'IATI import', level: 1 }).waitFor();
    await page.getByText(/^File refused, line 3, column \d+: unexpected close tag\.$/).waitFor();
    await page.getByLabel('IATI file (.xml)').setInputFiles(xml('wash.xml', SAMPLE));
    await page.getByText('Preview: nothing has been written yet.').waitFor({ timeout: 30_000 });
    await page.getByText(/^0 created, 0 updated, 0 in conflict, 7 unchanged/).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'ML-NIF-0042-WASH-01: 1 sector(s) of other vocabularies left out' })
      .waitFor();
    await expectAccessible(page, 'the IATI import preview (en)', ['wcag22aa']);
  });

  it('is not offered to a supervisor, and refuses them', async () => {
    const { page } = await suite.signedIn('supervisor');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await page.getByRole('link', { name: 'Utilisation', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Import IATI' }).count()).toBe(0);
    await page.goto(`${suite.server.url}/#/iati`);
    await page.getByRole('heading', { name: 'Import IATI', level: 1 }).waitFor();
    await page.getByText('Seuls les administrateurs importent des fichiers IATI.').waitFor();
    expect(await page.getByLabel('Fichier IATI (.xml)').count()).toBe(0);
    await expectAccessible(page, 'the IATI import refused to a supervisor', ['wcag22aa']);
  });
});
