import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Enquête ménage';

describe('reviews: concurrent verdicts merge, the lost one is restored by the supervisor', () => {
  const suite = e2eSuite('review-conflict');

  it('a focal point flags while a supervisor approves offline; the supervisor restores the approval', async () => {
    const { page: agentPage } = await suite.signedIn('agent');
    const agentHome = new HomePage(agentPage);
    await agentHome.waitForForm(FORM);
    await agentHome.newSubmission(FORM);
    const form = new FillFormPage(agentPage);
    await form.fillHousehold('Awa Touré', '4');
    await form.finalize();
    const agentList = new SubmissionsPage(agentPage);
    await agentList.syncNow();
    await agentList.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });

    const link = `Awa Touré — ${FORM}`;
    const reviewsApplied = () =>
      suite.server.withStorage(
        async (storage) => (await storage.listAudit(1000)).filter((e) => e.action === 'reviews.put').length,
      );
    const open = async (username: string) => {
      const { context, page } = await suite.signedIn(username);
      const home = new HomePage(page);
      await home.waitForForm(FORM);
      await home.goToSubmissions();
      const list = new SubmissionsPage(page);
      await list.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: 'Revue' }).waitFor();
      return { context, page, list };
    };
    const supervisor = await open('supervisor');
    const focal = await open('focal');

    // The supervisor approves offline, first; the focal point, online, flags issues a moment later.
    await supervisor.context.setOffline(true);
    await supervisor.page.getByLabel('Commentaire').fill('Conforme');
    await supervisor.page.getByRole('button', { name: 'Approuvée' }).click();
    await supervisor.page.getByRole('button', { name: 'Approuvée', pressed: true }).waitFor();
    await focal.page.getByLabel('Commentaire').fill('Âge du chef à vérifier');
    await focal.page.getByRole('button', { name: 'Problèmes signalés' }).click();
    // Saving starts a sync by itself.
    await expect.poll(reviewsApplied, { timeout: 30_000 }).toBe(1);

    // Back online, the supervisor's sync merges: the later verdict and comment win, the approval is logged.
    await supervisor.context.setOffline(false);
    await supervisor.list.syncNow();
    await expect.poll(reviewsApplied, { timeout: 30_000 }).toBe(2);
    await supervisor.page
      .getByRole('button', { name: 'Problèmes signalés', pressed: true })
      .waitFor({ timeout: 30_000 });
    expect(await supervisor.page.getByLabel('Commentaire').inputValue()).toBe('Âge du chef à vérifier');

    await supervisor.list.goToSubmissions();
    await supervisor.page.getByRole('link', { name: 'Conflits de modification' }).click();
    const lostStatus = supervisor.page.locator('li.card', { hasText: 'Perdue : Approuvée (Ibrahim Touré)' });
    await lostStatus.waitFor({ timeout: 30_000 });
    expect(await lostStatus.innerText()).toContain('Gardée : Problèmes signalés (Fatoumata Cissé)');
    await lostStatus.getByRole('button', { name: 'Restaurer' }).click();
    await lostStatus.getByText('Restaurée').waitFor({ timeout: 30_000 });

    // The restored approval reaches every device at its next sync.
    // The review panel's badge: the history below it also lists the approval, as an entry.
    const verdict = (page: Page) =>
      page.getByRole('region', { name: 'Revue', exact: true }).locator('.badge', { hasText: 'Approuvée' });
    await focal.list.syncNow();
    await verdict(focal.page).waitFor({ timeout: 30_000 });
    await agentList.syncNow();
    await agentPage.getByRole('link', { name: link }).click();
    await verdict(agentPage).waitFor({ timeout: 30_000 });
  });
});
