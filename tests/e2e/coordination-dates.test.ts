import { describe, expect, it } from 'vitest';
import { expectAccessible } from './harness/axe';
import { DEMO_PASSWORD } from './harness/server';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';

describe('a French supervisor on an English-set tablet edits the dates of the coordination records', () => {
  const suite = e2eSuite('coordination-dates');

  it('types the day in “Jour”, whatever the browser’s language: saved as 2026-02-05, shown as 5 févr. 2026', async () => {
    const context = await suite.device({ locale: 'en-US' });
    const page = await context.newPage();
    await new SignInPage(page).open(suite.server.url);
    await page.getByRole('button', { name: 'Français' }).click();
    await new SignInPage(page).signIn('supervisor', DEMO_PASSWORD);
    const home = new HomePage(page);
    await home.waitForForm('Enquête ménage');
    await page.evaluate(() => (window.location.hash = '#/edit/projects/synergie-nord-gao'));
    await page.getByRole('heading', { name: 'Modifier le projet' }).waitFor();

    const start = page.getByRole('group', { name: 'Début prévu', exact: true });
    // The day first in French (not the month, as an English browser's date input would put it).
    expect(await start.locator('label').allInnerTexts()).toEqual(['Jour', 'Mois', 'Année']);
    // The demo project has no dates yet.
    expect(await start.getByLabel('Jour').inputValue()).toBe('');
    await start.getByLabel('Mois').selectOption({ label: 'février' });
    await start.getByLabel('Année').fill('2026');
    // A date that does not exist is refused beside its field, and nothing is saved.
    await start.getByLabel('Jour').fill('31');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await start.getByRole('alert').waitFor();
    await expectAccessible(page, 'the project editor with a date refused (fr, English browser)');
    await start.getByLabel('Jour').fill('5');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    await page.getByRole('heading', { name: 'Synergie-Nord — Sécurité alimentaire à Gao' }).waitFor();
    await page.getByText(/^Prévues : 5 févr\. 2026 – /).waitFor();
    await home.syncNow();
    await expect
      .poll(
        async () =>
          (await suite.server.withStorage((s) => s.getEntity('projects', 'synergie-nord-gao')))?.data,
        { timeout: 30_000 },
      )
      .toMatchObject({ plannedStart: '2026-02-05', plannedEnd: null });
  });
});
