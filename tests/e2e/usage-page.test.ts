import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ANSWERS, DEMO_FORM } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { TestDevice } from './harness/testDevice';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';
import { SyncBar } from './pages/SyncBar';

const FORM = 'Enquête ménage';

/** The value shown under a figure's title in the summary. */
async function figure(page: Page, title: string): Promise<string> {
  const item = page.locator('dl.usage-figures > div').filter({ has: page.getByText(title, { exact: true }) });
  // French puts a narrow no-break space before %: compared as a plain space.
  return (await item.locator('dd').first().innerText()).replace(/\s/gu, ' ');
}

describe('the use of the database, as a supervisor reports on it', () => {
  const suite = e2eSuite('usage-page');

  it('counts the week’s submissions, verification time and share flagged, offline, and prints', async () => {
    // An agent sends three surveys.
    const agent = await suite.signedIn('agent');
    await new HomePage(agent.page).waitForForm(FORM);
    await new TestDevice(agent.page).seedSubmissions({
      formId: DEMO_FORM.id,
      submissions: [1, 2, 3].map(() => ({ answers: DEMO_ANSWERS })),
    });
    await new HomePage(agent.page).syncNow();
    await SyncBar.of(agent.page).waitForAllSent(30_000);

    // The supervisor pulls them, verifies one and flags another, then works offline.
    const { context, page } = await suite.signedIn('supervisor');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await home.goToSubmissions();
    const list = new SubmissionsPage(page);
    await expect.poll(() => list.rowWithState('Synchronisée').count(), { timeout: 30_000 }).toBe(3);
    await context.setOffline(true);
    const queue = async () => {
      await home.goHome();
      await page.getByRole('link', { name: 'À vérifier', exact: true }).click();
      await page.getByRole('heading', { name: 'À vérifier' }).waitFor();
      return page.getByRole('link', { name: /^Soumission du / });
    };
    await (await queue()).first().click();
    await page.getByRole('button', { name: 'Vérifiée' }).click();
    await page.getByRole('button', { name: 'Vérifiée', pressed: true }).waitFor();
    const left = await queue();
    await expect.poll(() => left.count()).toBe(2);
    await left.first().click();
    await page.getByLabel('Commentaire').fill('Taille du ménage à confirmer');
    await page.getByRole('button', { name: 'Problèmes signalés' }).click();
    await page.getByRole('button', { name: 'Problèmes signalés', pressed: true }).waitFor();

    await page.getByRole('link', { name: 'Utilisation', exact: true }).click();
    await page.getByRole('heading', { name: 'Utilisation de la base de données' }).waitFor();
    expect(await figure(page, 'Soumissions')).toBe('3');
    // The agent who sent them and the supervisor who reviewed them.
    expect(await figure(page, 'Utilisateurs actifs')).toBe('2');
    expect(await figure(page, 'Délai médian jusqu’à la vérification')).toBe('moins d’une heure');
    expect(await figure(page, 'Part signalée')).toBe('33,3 %');
    // By form: the week's column and the total.
    await page.getByLabel('Regrouper par').selectOption({ label: 'Formulaire' });
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: FORM }) });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.at(-1)).toBe('3');
    expect(cells.at(-2)).toBe('3'); // this week, the last column
    expect(cells.slice(0, -2).every((c) => c === '0')).toBe(true);
    await page
      .getByRole('columnheader', { name: /^Sem\. du \d{1,2} \S+ \d{4}$/ })
      .first()
      .waitFor();
    await expectAccessible(page, 'the usage page (fr)', ['wcag22aa']);
    await saveScreenshot(page, 'usage-page-fr');

    // Printed: the figures and the table, without the app's chrome and controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Imprimer / PDF' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation').first().isVisible()).toBe(false);
    expect(await row.isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // Back online, by agent: names come from the server's accounts list (the device keeps ids only).
    await context.setOffline(false);
    await page.getByLabel('Regrouper par').selectOption({ label: 'Agent' });
    await page.getByRole('rowheader', { name: 'Moussa Maïga' }).waitFor({ timeout: 30_000 });

    // In English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Use of the database' }).waitFor();
    await page
      .getByRole('columnheader', { name: /^Week of [A-Z][a-z]{2} \d{1,2}, \d{4}$/ })
      .first()
      .waitFor();
    expect(await figure(page, 'Share flagged')).toBe('33.3%');
    await expectAccessible(page, 'the usage page (en)', ['wcag22aa']);
  });
});
