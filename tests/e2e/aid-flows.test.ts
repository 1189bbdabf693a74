import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { putServerRecord } from '../../src/server/catalog';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';
const FINANCES = `#/edit/projects/${DEMO_PROJECT.id}/finances`;

/** Types a date (`2026-01-05`) in the day, month and year of the date field `label` (a group), in French. */
async function fillDate(within: Locator, label: string, iso: string) {
  const [year = '', month = '', day = ''] = iso.split('-');
  const group = within.getByRole('group', { name: label, exact: true });
  await group.getByLabel('Jour').fill(String(Number(day)));
  await group.getByLabel('Mois').selectOption(String(Number(month)));
  await group.getByLabel('Année').fill(year);
}

async function openFinances(page: Page) {
  await page.evaluate((hash) => (window.location.hash = hash), FINANCES);
  await page.getByRole('heading', { name: /^Finances du projet — / }).waitFor();
}

describe('aid flows: a supervisor records a disbursement offline, another device sees it', () => {
  const suite = e2eSuite('aid-flows');

  it('adds a disbursement offline with its errors shown, syncs, and an admin’s device shows it and its totals', async () => {
    // An organisation and the month's euro rate, as the coordination body entered them.
    await suite.server.withStorage((s) =>
      s.transaction(async (tx) => {
        const at = new Date();
        await putServerRecord(
          tx,
          'organisations',
          { id: 'unicef', name: 'Fonds des Nations unies pour l’enfance', acronym: 'UNICEF', type: '40' },
          null,
          at,
        );
        await putServerRecord(
          tx,
          'exchangeRates',
          { id: 'EUR:2026-03', currency: 'EUR', month: '2026-03', xofPerUnit: 655.957, source: 'BCEAO' },
          null,
          at,
        );
      }),
    );
    const { context, page } = await suite.signedIn('supervisor');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    // The project page leads there (supervisors and admins only).
    await page.evaluate((id) => (window.location.hash = `#/projects/${id}`), DEMO_PROJECT.id);
    await page.getByRole('link', { name: 'Finances', exact: true }).click();
    await page.getByRole('heading', { name: /^Finances du projet — / }).waitFor();
    await page.getByText('Aucune pour l’instant.').first().waitFor();
    await expectAccessible(page, 'the finances page, empty (fr)');

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Ajouter une transaction' }).click();
    const form = page.getByRole('group', { name: 'Ajouter une transaction' });
    await fillDate(form, 'Date de la transaction', '2026-03-15');
    await form.getByLabel('Montant (négatif pour une correction)').fill('25 000 €');
    await form.getByLabel('Monnaie (code ISO 4217)').fill('CFA');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Saisissez un montant (un nombre, sans espaces ni symbole).').waitFor();
    await page.getByText('Saisissez un code de monnaie ISO 4217 (XOF, EUR, USD…).').waitFor();
    await expectAccessible(page, 'the transaction form with its errors (fr)');
    await saveScreenshot(page, 'aid-flows-errors-fr');
    await form.getByLabel('Montant (négatif pour une correction)').fill('25000,50');
    await form.getByLabel('Monnaie (code ISO 4217)').fill('eur');
    await form.getByLabel('Organisation qui fournit les fonds').selectOption('unicef');
    await form.getByLabel('Description').fill('Première tranche');
    // The value date is left empty: it is the transaction's date.
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Enregistré sur l’appareil ; envoyé à la prochaine synchronisation.').waitFor();
    const transactions = page.getByRole('table', { name: 'Transactions' });
    await transactions.getByRole('cell', { name: /^25\s000,50\sEUR$/ }).waitFor();
    await transactions.getByRole('cell', { name: 'UNICEF' }).waitFor();
    // Totals: in XOF at March's rate; in USD unknown, the missing rate named.
    const totals = page.getByRole('table', { name: 'Totaux par type' });
    await totals.getByRole('rowheader', { name: '3 — Décaissement' }).waitFor();
    await totals.getByRole('cell', { name: /^16\s399\s253\sXOF$/ }).waitFor();
    await totals.getByRole('cell', { name: 'inconnu' }).waitFor();
    await page.getByText('Taux manquants : USD 2026-03.', { exact: false }).waitFor();
    await expectAccessible(page, 'the finances page with a transaction offline (fr)');
    await saveScreenshot(page, 'aid-flows-offline-fr');

    // The project page sums it up, offline: what the report counts, and the rate that is missing.
    await page.evaluate((id) => (window.location.hash = `#/projects/${id}`), DEMO_PROJECT.id);
    const funding = page.getByRole('region', { name: 'Financement' });
    const fundingTable = funding.getByRole('table', { name: 'Financement du projet, en XOF et en USD' });
    const disbursed = fundingTable.getByRole('row', { name: /^Décaissé/ });
    await disbursed.getByRole('cell', { name: /^16\s399\s253\sXOF$/ }).waitFor();
    await disbursed.getByRole('cell', { name: 'inconnu USD' }).waitFor();
    await fundingTable
      .getByRole('row', { name: /^Engagé/ })
      .getByRole('cell', { name: /^0\sXOF$/ })
      .waitFor();
    await funding.getByText('Taux de décaissement : non calculable', { exact: false }).waitFor();
    await funding.getByText('Taux de change manquants : USD 2026-03.', { exact: false }).waitFor();
    await expectAccessible(page, 'the project page with its funding offline (fr)');
    await saveScreenshot(page, 'aid-flows-project-funding-fr');
    await funding.getByRole('link', { name: 'Voir et modifier les finances du projet' }).click();
    await page.getByRole('heading', { name: /^Finances du projet — / }).waitFor();

    await context.setOffline(false);
    await home.syncNow();
    const stored = () =>
      suite.server.withStorage(
        async (s) => (await s.projectEntities('transactions', DEMO_PROJECT.id)).length,
      );
    await expect.poll(stored, { timeout: 30_000 }).toBe(1);
    const [row] = await suite.server.withStorage((s) => s.projectEntities('transactions', DEMO_PROJECT.id));
    expect(row?.data).toMatchObject({
      type: '3',
      date: '2026-03-15',
      value: 25000.5,
      currency: 'EUR',
      valueDate: '2026-03-15',
      providerOrgId: 'unicef',
      receiverOrgId: null,
      description: 'Première tranche',
    });

    // Another device: the admin sees it, enters March's dollar rate, and the USD total appears.
    const second = await suite.signedIn('admin');
    await new HomePage(second.page).waitForForm(FORM);
    await openFinances(second.page);
    await second.page
      .getByRole('table', { name: 'Transactions' })
      .getByRole('cell', { name: /^25\s000,50\sEUR$/ })
      .waitFor();
    await second.page.getByRole('link', { name: 'Taux de change' }).click();
    await second.page.getByRole('heading', { name: 'Taux de change' }).waitFor();
    await second.page.getByRole('button', { name: 'Saisir un taux' }).click();
    const rateForm = second.page.getByRole('group', { name: 'Saisir un taux' });
    await rateForm.getByLabel('Monnaie', { exact: true }).fill('USD');
    await rateForm.getByLabel('Mois (AAAA-MM)').fill('2026-03');
    await rateForm.getByLabel('XOF pour 1 unité').fill('600');
    await second.page.getByRole('button', { name: 'Enregistrer' }).click();
    await second.page.getByRole('cell', { name: 'USD', exact: true }).waitFor();
    // Rates pasted from a spreadsheet: a bad line refuses the whole paste, naming the line.
    const pasted = second.page.getByLabel(/^Une ligne par taux/);
    await pasted.fill('GBP;2026-03;780,5;Banque\nXOF;2026-03;1');
    await second.page.getByRole('button', { name: 'Importer', exact: true }).click();
    await second.page.getByText('Ligne 2 : XOF is the base: it needs no rate').waitFor();
    await expectAccessible(second.page, 'the exchange rates page with a refused import (fr)');
    await pasted.fill('GBP;2026-03;780,5;Banque');
    await second.page.getByRole('button', { name: 'Importer', exact: true }).click();
    await second.page.getByText('1 taux enregistrés sur l’appareil.').waitFor();
    await second.page.getByRole('cell', { name: 'GBP', exact: true }).waitFor();
    await second.page.getByRole('cell', { name: '780,5', exact: true }).waitFor();
    await expectAccessible(second.page, 'the exchange rates page (fr)');
    await saveScreenshot(second.page, 'aid-flows-rates-fr');
    await openFinances(second.page);
    await second.page
      .getByRole('table', { name: 'Totaux par type' })
      .getByRole('cell', { name: /^27\s332,09\sUSD$/ })
      .waitFor();
    await saveScreenshot(second.page, 'aid-flows-second-device-fr');

    // A commitment from the server: the project page gives the disbursement rate, in XOF and USD.
    await suite.server.withStorage((s) =>
      s.transaction((tx) =>
        putServerRecord(
          tx,
          'transactions',
          {
            id: 'commitment-1',
            projectId: DEMO_PROJECT.id,
            type: '2',
            date: '2026-03-01',
            value: 32_798_506,
            currency: 'XOF',
            valueDate: '2026-03-01',
            providerOrgId: 'unicef',
            receiverOrgId: null,
            sector: null,
            region: '',
            description: '',
          },
          null,
          new Date(),
        ),
      ),
    );
    await new HomePage(second.page).syncNow();
    await second.page.evaluate((id) => (window.location.hash = `#/projects/${id}`), DEMO_PROJECT.id);
    const summary = second.page.getByRole('region', { name: 'Financement' });
    await summary.getByText('Taux de décaissement : 50 %', { exact: true }).waitFor({ timeout: 30_000 });
    const committed = summary.getByRole('row', { name: /^Engagé/ });
    await committed.getByRole('cell', { name: /^32\s798\s506\sXOF$/ }).waitFor();
    await committed.getByRole('cell', { name: /^54\s664,18\sUSD$/ }).waitFor();
    expect(await summary.getByText('Taux de change manquants', { exact: false }).count()).toBe(0);
    await second.page.getByRole('button', { name: 'English' }).click();
    const inEnglish = second.page.getByRole('region', { name: 'Funding' });
    await inEnglish.getByText('Disbursement rate: 50%', { exact: true }).waitFor();
    await inEnglish
      .getByRole('row', { name: /^Disbursed/ })
      .getByRole('cell', { name: /^27,332\.09\sUSD$/ })
      .waitFor();
    await inEnglish.getByRole('link', { name: 'See and edit the project’s finances' }).waitFor();
    await expectAccessible(second.page, 'the project page with its funding (en)');
    await saveScreenshot(second.page, 'aid-flows-project-funding-en');

    // A focal point reads the summary and is not offered the finances' editing.
    const focal = await suite.signedIn('focal');
    await new HomePage(focal.page).waitForForm(FORM);
    await focal.page.evaluate((id) => (window.location.hash = `#/projects/${id}`), DEMO_PROJECT.id);
    const theirs = focal.page.getByRole('region', { name: 'Financement' });
    await theirs.getByText('Taux de décaissement : 50 %', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await theirs.getByRole('link').count()).toBe(0);
  });
});
