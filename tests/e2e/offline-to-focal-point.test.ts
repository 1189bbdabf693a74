import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './harness/chromium';
import { screenshotOnFailure } from './harness/screenshots';
import { DEMO_PASSWORD, startTestServer } from './harness/server';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Enquête ménage';

describe('a field agent collects offline and the focal point receives it', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  async function newContext() {
    // A French-speaking tablet in Gao: the app must pick French by itself.
    const context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Africa/Bamako',
      geolocation: { latitude: 16.2717, longitude: -0.0447, accuracy: 12 },
      permissions: ['geolocation'],
    });
    contexts.push(context);
    return context;
  }

  it('works through a reload with no network, then syncs to a second device', async () => {
    screenshotOnFailure('offline-to-focal-point', () => contexts);
    const agentContext = await newContext();
    const page = await agentContext.newPage();
    await new SignInPage(page).open(server.url);
    await new SignInPage(page).signIn('agent', DEMO_PASSWORD);

    const home = new HomePage(page);
    await home.waitForForm(FORM); // the first sync brought the project's form
    await home.waitForOfflineReady();

    // The network goes away; the app must still load from the service worker and keep the session.
    await agentContext.setOffline(true);
    await page.reload();
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
    expect(await page.getByLabel('Nom de la personne interrogée').inputValue()).toBe('Aminata Maïga');
    await form.fillText('Nombre de personnes dans le ménage', '0');
    await form.choose('Sexe du chef de ménage', 'Femme');
    await form.choose('Sources d’eau utilisées', 'Forage');
    await form.choose('Sources d’eau utilisées', 'Puits');
    await form.fillText('Date de la visite', '2026-11-23');
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
    const focalContext = await newContext();
    const focalPage = await focalContext.newPage();
    await new SignInPage(focalPage).open(server.url);
    await new SignInPage(focalPage).signIn('focal', DEMO_PASSWORD);
    const focalHome = new HomePage(focalPage);
    await focalHome.waitForForm(FORM);
    await focalHome.goToSubmissions();
    const focalSubmissions = new SubmissionsPage(focalPage);
    await focalSubmissions.rowWithState('Synchronisée').waitFor();
    const row = focalSubmissions.rows().first();
    expect(await row.innerText()).toContain('Par un autre membre de l’équipe');
    expect(await row.innerText()).toContain(`Aminata Maïga — ${FORM}`);

    // The same screen in English, on demand.
    await focalPage.getByRole('button', { name: 'English' }).click();
    await focalPage.getByRole('heading', { name: 'Submissions' }).waitFor();
    expect(await row.innerText()).toContain('Synced');
    expect(await focalPage.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
