import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './harness/axe';
import { DEMO_PASSWORD } from './harness/server';
import { e2eSuite } from './harness/suite';
import { VISIT_FORM } from './forms/visitForm';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';

const FORM = 'Enquête ménage';

const navLinks = (page: Page) =>
  page.getByRole('navigation', { name: /^(Navigation principale|Main navigation)$/ }).getByRole('link');
const current = (page: Page) => page.locator('nav a[aria-current="page"]').innerText();
/** What has the keyboard focus: its tag and text. */
const focused = (page: Page) =>
  page.evaluate(
    () => `${document.activeElement?.tagName ?? ''} ${document.activeElement?.textContent ?? ''}`,
  );

/** Issue 14, "Navigation and details that cost people time". */
describe('navigation', () => {
  const suite = e2eSuite('navigation', { forms: [VISIT_FORM] });

  it('a header by role with the current page marked, a skip link, and the focus on each page heading', async () => {
    const { page } = await suite.signedIn('supervisor');
    await new HomePage(page).waitForForm(FORM);
    expect(await navLinks(page).allInnerTexts()).toEqual([
      'Accueil',
      'Soumissions',
      'Projets',
      'À vérifier',
      'Rapports',
      'Formulaires',
      'Exports',
      'Utilisateurs',
      'Utilisation',
    ]);
    expect(await current(page)).toBe('Accueil');

    // A navigation moves the focus to the new page's heading (a screen reader reads where it landed).
    await navLinks(page).getByText('À vérifier', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'À vérifier' }).waitFor();
    await expect.poll(() => focused(page)).toBe('H1 À vérifier');
    expect(await current(page)).toBe('À vérifier');
    await expectAccessible(page, 'the review queue (fr)');

    // The first Tab of a page reaches the skip link, shown when focused; it leads to the page's heading.
    // The focus goes back to the start of the document (the page's heading has links after it).
    await page.evaluate(() => {
      const body = document.body;
      body.tabIndex = -1;
      body.focus();
      body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('A Aller au contenu');
    const box = await page.getByRole('link', { name: 'Aller au contenu' }).boundingBox();
    expect(box && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('H1 À vérifier');
    expect(page.url()).toMatch(/#\/review$/);

    await navLinks(page).getByText('Projets', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Projets' }).waitFor();
    await expect.poll(() => focused(page)).toBe('H1 Projets');
    await page.locator('main a[href^="#/projects/"]').first().click();
    await expect.poll(() => focused(page)).toMatch(/^H1 /);
    expect(await current(page)).toBe('Projets');

    await page.getByRole('button', { name: 'English' }).click();
    // The English strings load on demand: wait for them.
    await expect
      .poll(() => navLinks(page).allInnerTexts())
      .toEqual([
        'Home',
        'Submissions',
        'Projects',
        'To review',
        'Reports',
        'Forms',
        'Exports',
        'Users',
        'Usage',
      ]);
    await navLinks(page).getByText('Home', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await expectAccessible(page, 'the home page (en)');
  });

  it('an agent keeps home, submissions and needs attention; drafts are named, and none is left empty', async () => {
    const { page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    expect(await navLinks(page).allInnerTexts()).toEqual(['Accueil', 'Soumissions', 'À corriger']);

    // "Nouvelle saisie", then back home without an answer: no empty draft.
    await home.newSubmission(FORM);
    await page.getByLabel('Nom de la personne interrogée').waitFor();
    await home.goHome();
    await page.getByText('Aucun brouillon en cours.').waitFor();

    // Two drafts of the same form are told apart by their first answer, with their project.
    for (const name of ['Aminata Maïga', 'Oumar Cissé']) {
      await home.newSubmission(FORM);
      await new FillFormPage(page).fillText('Nom de la personne interrogée', name);
      await page.getByText('Enregistré', { exact: true }).waitFor();
      await home.goHome();
    }
    const cards = page.locator('li.card-draft');
    await expect.poll(() => cards.count()).toBe(2);
    const texts = await cards.allInnerTexts();
    expect(texts[0]).toContain('Oumar Cissé — Enquête ménage');
    expect(texts[1]).toContain('Aminata Maïga — Enquête ménage');
    for (const text of texts) expect(text).toContain('Synergie-Nord — Sécurité alimentaire à Gao');

    // A form with instance_name: the draft takes that name as it is typed; a date-time is typed in its parts.
    await home.newSubmission('Visite de suivi');
    const form = new FillFormPage(page);
    await form.fillText('Personne', 'Awa');
    await form.fillText('Village', 'Gao');
    const appointment = form.question('Prochain rendez-vous');
    await appointment.getByLabel('Jour').fill('5');
    await appointment.getByLabel('Mois').selectOption({ label: 'janvier' });
    await appointment.getByLabel('Année').fill('2027');
    await page.getByText('Saisissez une date et une heure valides.').waitFor();
    await appointment.getByLabel('Heure').fill('09:30');
    await page.getByText('Saisissez une date et une heure valides.').waitFor({ state: 'detached' });
    await page.getByText('Enregistré', { exact: true }).waitFor();
    await home.goHome();
    await cards.filter({ hasText: 'Awa – Gao — Visite de suivi' }).waitFor();
    await home.continueDraft('Visite de suivi', '2026-12-01');
    await appointment.getByLabel('Jour').waitFor();
    expect(await appointment.getByLabel('Jour').inputValue()).toBe('5');
    expect(await appointment.getByLabel('Mois').inputValue()).toBe('1');
    expect(await appointment.getByLabel('Heure').inputValue()).toBe('09:30');
    await home.goHome();
    await expectAccessible(page, 'the home page of an agent with drafts (fr)');
  });

  it('a French agent on an English tablet types a date without swapping day and month; online, it is sent at once', async () => {
    const context = await suite.device({ locale: 'en-US' });
    const page = await context.newPage();
    await new SignInPage(page).open(suite.server.url);
    await page.getByRole('button', { name: 'Français' }).click();
    await new SignInPage(page).signIn('agent', DEMO_PASSWORD);
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    const date = form.question('Date de la visite');
    await date.getByLabel('Jour').waitFor();
    // In French the day comes first, whatever the browser's language; the month is picked by its name.
    expect(await date.locator('label').allInnerTexts()).toEqual(['Jour', 'Mois', 'Année']);
    await date.getByLabel('Jour').fill('5');
    await date.getByLabel('Mois').selectOption({ label: 'janvier' });
    await date.getByLabel('Année').fill('202');
    // Checked as typed: an incomplete year is flagged at once, before finalizing.
    await date.getByText('Saisissez une date valide').waitFor();
    await date.getByLabel('Année').fill('2026');
    await date.getByText('Saisissez une date valide').waitFor({ state: 'detached' });
    await form.fillText('Nombre de personnes dans le ménage', '4x');
    await page.getByText('Saisissez un nombre.').waitFor();
    await expectAccessible(page, 'the form with a date (fr, English browser)');
    await form.fillText('Nombre de personnes dans le ménage', '4');
    await form.fillText('Nom de la personne interrogée', 'Awa Touré');
    await form.choose('Sexe du chef de ménage', 'Femme');
    await form.choose('Sources d’eau utilisées', 'Forage');
    await page.getByRole('button', { name: 'Utiliser ma position' }).click();
    await page.getByText('Position trouvée', { exact: false }).waitFor();
    await form.finalize();
    await page.getByRole('heading', { level: 1, name: 'Soumissions' }).waitFor();

    const [stored] = await form.storedSubmissions();
    expect(stored?.data).toMatchObject({ visit_date: '2026-01-05' });
    // No "Sync now" and no two-minute timer: the engine sends a submission finalized online at once.
    await expect
      .poll(async () => (await suite.server.submission(stored!.id)) !== undefined, { timeout: 30_000 })
      .toBe(true);
  });

  it('on an 800 px tablet the report is whole, its tables scroll in reachable regions, and the sync bar never hides the focused field', async () => {
    const { page } = await suite.signedIn('supervisor');
    await page.setViewportSize({ width: 800, height: 1280 });
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await navLinks(page).getByText('Rapports', { exact: true }).click();
    await page.getByRole('heading', { name: 'Rapport de vérification des résultats' }).waitFor();
    await page.locator('.report-project').first().waitFor();
    // Nothing wider than the screen: the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await expectAccessible(page, 'the report at 800 px (fr)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.report-project').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await expectAccessible(page, 'the report at 800 px (en)');
    await page.getByRole('button', { name: 'Français' }).click();

    // A field focused from below the fold lands under the sticky sync bar, never behind it.
    await navLinks(page).getByText('Accueil', { exact: true }).click();
    await home.newSubmission(FORM);
    const field = page.getByLabel('Nom de la personne interrogée');
    await field.waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await field.focus();
    const bar = await page.getByRole('region', { name: 'État de la synchronisation' }).boundingBox();
    const box = await field.boundingBox();
    expect(bar && box && box.y >= bar.y + bar.height).toBe(true);
  });
});
