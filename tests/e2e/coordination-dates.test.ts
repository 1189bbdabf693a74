import { describe, expect, it } from 'vitest';
import { putServerRecord } from '../../src/server/catalog';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { DEMO_PASSWORD } from './harness/server';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';

describe('a French supervisor on an English-set tablet edits the dates of the coordination records', () => {
  const suite = e2eSuite('coordination-dates');

  it('types the day in “Jour”, whatever the browser’s language: saved as 2026-02-05, shown as 5 févr. 2026', async () => {
    await suite.server.withStorage((storage) =>
      storage.transaction(async (tx) => {
        await putServerRecord(
          tx,
          'indicators',
          { id: 'ind-dates', projectId: DEMO_PROJECT.id, code: 'R9', title: { fr: 'Puits réparés' } },
          null,
          new Date(),
        );
      }),
    );
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

    // An indicator's value, for a period typed the same way.
    await page.evaluate(() => (window.location.hash = '#/indicators/ind-dates'));
    await page.getByRole('heading', { name: /Puits réparés/ }).waitFor();
    await page.getByRole('button', { name: 'Saisir une valeur' }).click();
    const form = page.locator('form.indicator-form');
    for (const [label, day, month] of [
      ['Début de période', '1', 'avril'],
      ['Fin de période', '30', 'juin'],
    ] as const) {
      const group = form.getByRole('group', { name: label, exact: true });
      expect(await group.locator('label').allInnerTexts()).toEqual(['Jour', 'Mois', 'Année']);
      await group.getByLabel('Jour').fill(day);
      await group.getByLabel('Mois').selectOption({ label: month });
      await group.getByLabel('Année').fill('2026');
    }
    await form.getByLabel('Valeur').fill('12');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('rowheader', { name: '1 avr. 2026 – 30 juin 2026' }).waitFor();
    await home.syncNow();
    const storedValue = () =>
      suite.server.withStorage(async (s) => {
        const put = (await s.listAudit(1000)).find((e) => e.action === 'indicatorValues.put');
        return put?.recordId ? (await s.getEntity('indicatorValues', put.recordId))?.data : undefined;
      });
    await expect
      .poll(storedValue, { timeout: 30_000 })
      .toMatchObject({ periodStart: '2026-04-01', periodEnd: '2026-06-30', value: 12 });
  });
});
