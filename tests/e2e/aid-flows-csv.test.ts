import { describe, expect, it } from 'vitest';
import { putServerRecord } from '../../src/server/catalog';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

describe('aid flows: a supervisor imports a donor’s transactions from a CSV, all or none', () => {
  const suite = e2eSuite('aid-flows-csv');

  it('previews the rows, names the refused ones and saves nothing, then imports them all', async () => {
    await suite.server.withStorage((s) =>
      s.transaction((tx) =>
        putServerRecord(
          tx,
          'organisations',
          { id: 'unicef', name: 'Fonds des Nations unies pour l’enfance', acronym: 'UNICEF', type: '40' },
          null,
          new Date(),
        ),
      ),
    );
    const { context, page } = await suite.signedIn('supervisor');
    const home = new HomePage(page);
    await home.waitForForm('Enquête ménage');
    await home.waitForOfflineReady();
    await context.setOffline(true);
    await page.evaluate((id) => (window.location.hash = `#/edit/projects/${id}/finances`), DEMO_PROJECT.id);
    await page.getByRole('heading', { name: /^Finances du projet — / }).waitFor();
    const text = page.getByLabel(/^Le rapport du bailleur/);
    await text.fill(
      'Date;Type;Montant;Monnaie;Fournisseur;Description\n2026-03-15;2;1000000;XOF;UNICEF;Engagement\n2026-03-20;3;abc;XOF;Inconnue;Tranche',
    );
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Rien ne sera importé : corrigez ces lignes.').waitFor();
    await page.getByText(/Ligne 3 : .*Unknown organisation: Inconnue/).waitFor();
    expect(await page.getByRole('button', { name: /^Importer les/ }).count()).toBe(0);
    await expectAccessible(page, 'the transactions CSV import with refused rows (fr)');

    await text.fill(
      'Date;Type;Montant;Monnaie;Fournisseur;Description\n2026-03-15;2;1000000;XOF;UNICEF;Engagement\n2026-03-20;3;250000,5;XOF;unicef;Tranche',
    );
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const preview = page.getByRole('table', { name: '2 transactions lues' });
    await preview.getByRole('cell', { name: 'Tranche' }).waitFor();
    await expectAccessible(page, 'the transactions CSV preview (fr)');
    await saveScreenshot(page, 'aid-flows-csv-preview-fr');
    await page.getByRole('button', { name: 'Importer les 2 transactions' }).click();
    await page.getByText('2 transactions enregistrées sur l’appareil.').waitFor();
    const transactions = page.getByRole('table', { name: 'Transactions' });
    await transactions.getByRole('cell', { name: 'Engagement', exact: true }).waitFor();
    await transactions.getByRole('cell', { name: 'Tranche', exact: true }).waitFor();

    await context.setOffline(false);
    await home.syncNow();
    await expect
      .poll(
        () =>
          suite.server.withStorage(
            async (s) => (await s.projectEntities('transactions', DEMO_PROJECT.id)).length,
          ),
        { timeout: 30_000 },
      )
      .toBe(2);
  });
});
