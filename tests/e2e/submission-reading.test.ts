import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { READING_FORM } from './forms/readingForm';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Visite de ménage';

/** The answer shown for a question (its `dd`), by the start of the question's label, within `scope`. */
const answer = (scope: Page | Locator, label: string) =>
  scope
    .locator('.sent-field')
    .filter({
      // A `has` locator is relative to the filtered element: made from the page, not from `scope`.
      has: ('page' in scope ? scope.page() : scope).locator(
        `xpath=./dt[starts-with(normalize-space(.), "${label}")]`,
      ),
    })
    .locator('dd')
    .first();

describe('a reviewer reads a submission with a group, a repeat and a photo', () => {
  const suite = e2eSuite('submission-reading', { forms: [READING_FORM] });

  it('shows labels, sections, one card per child and the photo, in French and English, accessibly', async () => {
    const { page: agentPage } = await suite.signedIn('agent');
    const agentHome = new HomePage(agentPage);
    await agentHome.waitForForm(FORM);
    await agentHome.newSubmission(FORM);
    const form = new FillFormPage(agentPage);
    await form.fillText('Chef de ménage', 'Kadidia Touré');
    await form.choose('Toit', 'Tôle');
    const first = await form.addInstance('Enfant 1');
    await first.getByLabel('Prénom de l’enfant').fill('Awa');
    await form.choose('Scolarisé', 'Oui', first);
    const second = await form.addInstance('Enfant 2');
    await second.getByLabel('Prénom de l’enfant').fill('Issa');
    await form.choose('Scolarisé', 'Non', second);
    await form.attachPhoto('Photo de la maison', {
      name: 'maison.png',
      mimeType: 'image/png',
      buffer: await agentPage.screenshot(),
    });
    await form.finalize();
    const agentList = new SubmissionsPage(agentPage);
    await agentList.syncNow();
    await agentList.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });

    const { page } = await suite.signedIn('focal');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.goToSubmissions();
    const list = new SubmissionsPage(page);
    const row = list.rows().filter({ hasText: FORM }).first();
    await row.waitFor({ timeout: 30_000 });
    // Who collected it, by name and role: never "another team member" nor an account id.
    expect(await row.innerText()).toContain('Par Moussa Maïga (agent de terrain)');
    await row.getByRole('link').click();

    await page.getByRole('heading', { name: 'Habitat', level: 3 }).waitFor();
    expect(await answer(page, 'Chef de ménage').innerText()).toBe('Kadidia Touré');
    expect(await answer(page, 'Toit').innerText()).toBe('Tôle');
    const children = page.locator('.read-repeat[data-repeat="child"]');
    expect(await children.getByRole('heading', { level: 3 }).innerText()).toContain('Enfant (2 élément(s))');
    const cards = children.locator('.read-instance');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).getByRole('heading').innerText()).toBe('Enfant no 1');
    expect(await answer(cards.nth(0), 'Prénom de l’enfant').innerText()).toBe('Awa');
    expect(await answer(cards.nth(0), 'Scolarisé').innerText()).toBe('Oui');
    expect(await answer(cards.nth(1), 'Prénom de l’enfant').innerText()).toBe('Issa');
    expect(await answer(cards.nth(1), 'Scolarisé').innerText()).toBe('Non');
    expect(await page.getByText('Par Moussa Maïga (agent de terrain)').count()).toBeGreaterThan(0);

    // The photo, inline (downloaded on demand: the agent's upload may still be under way).
    const photo = page.getByRole('img', { name: 'Photo de la maison' });
    await expect
      .poll(
        async () => {
          if (await photo.isVisible()) return true;
          const retry = page.getByRole('button', { name: 'Réessayer' });
          if (await retry.isVisible()) await retry.click();
          return false;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);

    // The codes, on demand.
    const codes = page.getByRole('button', { name: 'Afficher les codes' });
    await codes.click();
    expect(await codes.getAttribute('aria-pressed')).toBe('true');
    expect(await answer(page, 'roof').innerText()).toBe('sheet');
    await codes.click();
    await expectAccessible(page, 'a submission page, in French');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dwelling', level: 3 }).waitFor();
    expect(await answer(page, 'Roof').innerText()).toBe('Metal sheet');
    expect(await cards.nth(1).getByRole('heading').innerText()).toBe('Child no. 2');
    expect(await answer(cards.nth(1), 'In school').innerText()).toBe('No');
    expect(await page.getByText('By Moussa Maïga (field agent)').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'a submission page, in English');
  });
});
