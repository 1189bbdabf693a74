import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Enquête ménage';

describe('a focal point reviews offline, the supervisor sees the statuses and prints the report', () => {
  const suite = e2eSuite('focal-review-report');

  it('verifies one submission and flags another offline; after sync the supervisor prints the bimonthly report', async () => {
    const { page: agentPage } = await suite.signedIn('agent');
    const agentHome = new HomePage(agentPage);
    await agentHome.waitForForm(FORM);
    for (const [name, size] of [
      ['Awa Touré', '4'],
      ['Moussa Maïga', '7'],
    ] as const) {
      await agentHome.newSubmission(FORM);
      const form = new FillFormPage(agentPage);
      await form.fillHousehold(name, size);
      await form.finalize();
      await agentHome.goHome();
    }
    const agentList = new SubmissionsPage(agentPage);
    await agentList.goToSubmissions();
    await agentList.syncNow();
    await expect.poll(() => agentList.rowWithState('Synchronisée').count(), { timeout: 30_000 }).toBe(2);

    // The focal point pulls both, then works offline from the review queue.
    const { context, page } = await suite.signedIn('focal');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.goToSubmissions();
    const list = new SubmissionsPage(page);
    await expect.poll(() => list.rowWithState('Synchronisée').count(), { timeout: 30_000 }).toBe(2);
    // Offline from here: the pages' chunks (the review queue's…) must be precached first.
    await home.waitForOfflineReady();
    await context.setOffline(true);
    const queue = async () => {
      await home.goHome();
      await page.getByRole('link', { name: 'À vérifier', exact: true }).click();
      await page.getByRole('heading', { name: 'À vérifier' }).waitFor();
      return page.getByRole('link', { name: /^Soumission du / });
    };
    await (await queue()).first().click();
    await page.getByRole('heading', { name: 'Revue' }).waitFor();
    await page.getByRole('button', { name: 'Vérifiée' }).click();
    await page.getByRole('button', { name: 'Vérifiée', pressed: true }).waitFor();

    const left = await queue();
    await expect.poll(() => left.count()).toBe(1);
    await left.first().click();
    await page.getByRole('heading', { name: 'Revue' }).waitFor();
    await page.getByLabel('Commentaire').fill('Taille du ménage à confirmer');
    await page.getByRole('button', { name: 'Problèmes signalés' }).click();
    await page.getByRole('button', { name: 'Problèmes signalés', pressed: true }).waitFor();

    // Back at base: the two reviews reach the server.
    const reviewsApplied = () =>
      suite.server.withStorage(
        async (storage) => (await storage.listAudit(1000)).filter((e) => e.action === 'reviews.put').length,
      );
    await context.setOffline(false);
    await list.syncNow();
    await expect.poll(reviewsApplied, { timeout: 30_000 }).toBe(2);

    // The supervisor sees both statuses on the list, then prints the bimonthly report.
    const supervisor = await suite.signedIn('supervisor');
    const supervisorHome = new HomePage(supervisor.page);
    await supervisorHome.waitForForm(FORM);
    await supervisorHome.goToSubmissions();
    const supervisorList = new SubmissionsPage(supervisor.page);
    await supervisorList.rowWithState('Synchronisée').first().waitFor({ timeout: 30_000 });
    await supervisorList.rows().filter({ hasText: 'Vérifiée' }).waitFor({ timeout: 30_000 });
    await supervisorList.rows().filter({ hasText: 'Problèmes signalés' }).waitFor({ timeout: 30_000 });
    // The flagged one's page keeps the review's history: who flagged it, and what they wrote.
    await supervisorList.rows().filter({ hasText: 'Problèmes signalés' }).getByRole('link').first().click();
    const history = supervisor.page.locator('ol.review-history li');
    await history.first().waitFor({ timeout: 30_000 });
    expect(await history.count()).toBe(1);
    expect(await history.first().innerText()).toMatch(
      /Fatoumata Cissé[\s\S]*Problèmes signalés[\s\S]*Taille du ménage à confirmer/,
    );

    await supervisorHome.goHome();
    await supervisor.page.getByRole('link', { name: 'Rapports', exact: true }).click();
    await supervisor.page.getByRole('heading', { name: 'Rapport de vérification des résultats' }).waitFor();
    await supervisor.page.getByRole('button', { name: 'Imprimer / PDF' }).waitFor();
    await supervisor.page.emulateMedia({ media: 'print' });
    // Printed, the app's chrome is gone and the report stays.
    expect(await supervisor.page.getByRole('button', { name: 'Imprimer / PDF' }).isVisible()).toBe(false);
    const printed = supervisor.page.getByRole('heading', {
      name: 'Rapport bimestriel de vérification des résultats',
    });
    expect(await printed.isVisible()).toBe(true);
    // The demo project is in the printed report, with how far the review of its submissions has gone.
    const printedText = await supervisor.page.locator('main').innerText();
    expect(printedText).toContain('Synergie-Nord');
    expect(printedText).toContain(
      '2 soumission(s) reçue(s) dans la période : 1 vérifiée(s), 1 avec des problèmes, 0 approuvée(s), 0 rejetée(s), 0 pas encore revue(s).',
    );
    const pdf = await supervisor.page.pdf({ format: 'A4', printBackground: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await supervisor.page.screenshot({ path: 'test-results/focal-review-report-print.png', fullPage: true });
    // The printed file itself, to look at (kept with the results like the screenshot).
    writeFileSync('test-results/focal-review-report.pdf', pdf);
  });
});
