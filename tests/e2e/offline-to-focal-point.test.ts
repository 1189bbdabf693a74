import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { UnlockPage } from './pages/UnlockPage';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Enquête ménage';

describe('a field agent collects offline and the focal point receives it', () => {
  // French-speaking tablets in Gao: the app must pick French by itself.
  const suite = e2eSuite('offline-to-focal-point');

  it('works through a reload with no network, then syncs to a second device', async () => {
    const { context: agentContext, page } = await suite.signedIn('agent');

    const home = new HomePage(page);
    await home.waitForForm(FORM); // the first sync brought the project's form
    await home.waitForOfflineReady();

    // The network goes away; the app must still load from the service worker and keep the session.
    await agentContext.setOffline(true);
    await page.reload();
    // A reload locks (the data key lived in the page's memory only); the password unlocks offline.
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await home.waitForForm(FORM);
    await home.syncBar.getByText('Hors ligne').waitFor();

    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    // Finalizing an empty form shows the errors in French and stores nothing.
    await form.finalize();
    await form.errorSummary().waitFor();
    expect(await page.getByText('Cette question est obligatoire.').count()).toBeGreaterThanOrEqual(3);

    await form.fillText('Nom de la personne interrogée', 'Aminata Maïga');
    // The tablet reloads (or the tab is killed) mid-survey: the draft was saved as typed.
    await page.getByText('Enregistré', { exact: true }).waitFor();
    await page.reload();
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await page.getByLabel('Nom de la personne interrogée').waitFor();
    expect(await page.getByLabel('Nom de la personne interrogée').inputValue()).toBe('Aminata Maïga');
    await form.fillText('Nombre de personnes dans le ménage', '0');
    await form.choose('Sexe du chef de ménage', 'Femme');
    await form.choose('Sources d’eau utilisées', 'Forage');
    await form.choose('Sources d’eau utilisées', 'Puits');
    await form.fillDate('Date de la visite', '2026-11-23');
    await page.getByRole('button', { name: 'Utiliser ma position' }).click();
    await form.finalize();
    await page.getByText('La valeur doit être supérieure ou égale à 1.').waitFor();
    await form.fillText('Nombre de personnes dans le ménage', '7');
    await form.finalize();

    const submissions = new SubmissionsPage(page);
    await submissions.rowWithState('En attente').waitFor();
    expect(await submissions.rows().count()).toBe(1);
    expect(await submissions.syncBar.getByText('1 en attente').isVisible()).toBe(true);

    // The network returns: the engine syncs on its own (the `online` event), no button needed.
    await agentContext.setOffline(false);
    await submissions.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });
    expect(await submissions.syncBar.getByText('0 en attente').isVisible()).toBe(true);

    // The focal point, on another device, pulls the agent's submission.
    const { page: focalPage } = await suite.signedIn('focal');
    const focalHome = new HomePage(focalPage);
    await focalHome.waitForForm(FORM);
    await focalHome.goToSubmissions();
    const focalSubmissions = new SubmissionsPage(focalPage);
    await focalSubmissions.rowWithState('Synchronisée').waitFor();
    const row = focalSubmissions.rows().first();
    expect(await row.innerText()).toContain('Par Moussa Maïga (agent de terrain)');
    expect(await row.innerText()).toContain(`Aminata Maïga — ${FORM}`);

    // The same screen in English, on demand.
    await focalPage.getByRole('button', { name: 'English' }).click();
    await focalPage.getByRole('heading', { name: 'Submissions' }).waitFor();
    expect(await row.innerText()).toContain('Synced');
    expect(await focalPage.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
