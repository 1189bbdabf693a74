import { describe, expect, it } from 'vitest';
import { putServerRecord } from '../../src/server/catalog';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';

/** A transaction of the demo project, the fields a test does not care about left plain. */
const transaction = (id: string, type: string, date: string, value: number, currency: string) => ({
  id,
  projectId: DEMO_PROJECT.id,
  type,
  date,
  value,
  currency,
  valueDate: date,
  providerOrgId: 'unicef',
  receiverOrgId: null,
  sector: null,
  region: '',
  description: '',
});

describe('aid-flow report: a focal point reads, offline, what was committed, disbursed and spent, and prints it', () => {
  const suite = e2eSuite('aid-flow-report');

  it('shows the totals by donor, sector, region and year, names the missing rate, filters by year, and prints the tables', async () => {
    await suite.server.withStorage((s) =>
      s.transaction(async (tx) => {
        const at = new Date();
        const put = (table: Parameters<typeof putServerRecord>[1], data: Record<string, unknown>) =>
          putServerRecord(tx, table, data as never, null, at);
        await put('organisations', {
          id: 'unicef',
          name: 'Fonds des Nations unies pour l’enfance',
          acronym: 'UNICEF',
          type: '40',
        });
        await put('exchangeRates', {
          id: 'EUR:2026-03',
          currency: 'EUR',
          month: '2026-03',
          xofPerUnit: 655.957,
          source: 'BCEAO',
        });
        await put('transactions', transaction('c1', '2', '2026-03-01', 10_000_000, 'XOF'));
        await put('transactions', transaction('d1', '3', '2026-03-15', 5_000, 'EUR'));
        await put('transactions', transaction('e1', '4', '2026-03-20', 1_000_000, 'XOF'));
        await put('transactions', transaction('d0', '3', '2025-11-10', 500_000, 'XOF'));
      }),
    );
    const { context, page } = await suite.signedIn('focal');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await context.setOffline(true);

    // From the result-verification report, offline.
    await page.evaluate(() => (window.location.hash = '#/reports'));
    await page.getByRole('link', { name: 'Rapport des flux d’aide' }).click();
    await page.getByRole('heading', { name: 'Rapport des flux d’aide', level: 1 }).waitFor();
    const byDonor = page.getByRole('table', { name: 'Par bailleur (organisation fournisseur)' });
    const unicef = byDonor.getByRole('row', { name: /UNICEF/ });
    // Committed 10 000 000 XOF; disbursed 5 000 EUR at 655,957 + 500 000 XOF = 3 779 785 XOF: 38 %.
    await unicef.getByRole('cell', { name: /10\s000\s000\sXOF/ }).waitFor();
    await unicef.getByRole('cell', { name: /3\s779\s785\sXOF/ }).waitFor();
    await unicef.getByRole('cell', { name: /^38\s%$/ }).waitFor();
    // No dollar rate: the USD totals are unknown, never a partial sum, and the missing rates are named.
    await unicef
      .getByRole('cell', { name: /inconnu USD/ })
      .first()
      .waitFor();
    await page.getByText(/Taux manquants : USD 2025-11, USD 2026-03\./).waitFor();
    await page.getByText(/Taux utilisés \(XOF pour 1 unité\) : EUR 2026-03 = 655\.957\./).waitFor();
    for (const name of ['Par secteur', 'Par région', 'Par année'])
      await page.getByRole('table', { name }).waitFor();
    expect(await page.locator('svg.flow-bars[role="img"]').count()).toBe(4);
    await expectAccessible(page, 'the aid-flow report, offline (fr)');
    await saveScreenshot(page, 'aid-flow-report-fr');

    // One year only: 2025's disbursement leaves the totals.
    await page.getByRole('combobox', { name: 'Année' }).selectOption('2026');
    await unicef.getByRole('cell', { name: /3\s279\s785\sXOF/ }).waitFor();
    await unicef.getByRole('cell', { name: /^33\s%$/ }).waitFor();
    const byYear = page.getByRole('table', { name: 'Par année' });
    expect(await byYear.getByRole('rowheader', { name: '2025' }).count()).toBe(0);

    // Printed: the controls go, the tables stay.
    await page.emulateMedia({ media: 'print' });
    expect(await byDonor.isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Année' }).isVisible()).toBe(false);
    const printed = await page.locator('main').innerText();
    expect(printed).toContain('Par bailleur (organisation fournisseur)');
    expect(printed).toMatch(/10\s000\s000\sXOF/);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // In English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Aid-flow report', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'By donor (provider organisation)' }).waitFor();
    await expectAccessible(page, 'the aid-flow report (en)');
  });
});
