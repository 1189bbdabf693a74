import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';

/** What has the focus: its accessible label (aria-label, its <label>, or its text), trimmed. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const input = el as HTMLInputElement;
    const byLabel = input.labels?.[0]?.textContent ?? '';
    return (el.getAttribute('aria-label') ?? (byLabel || el.textContent) ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab until the focus is on an element whose label matches `name` (at most 60 times). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if (name.test(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}: the focus is on "${await focused(page)}"`);
}

/**
 * A field agent who uses no pointer at all (a keyboard on a tablet, or a switch device): from the home page
 * to a finalized submission with the keys alone, every required question answered.
 */
describe('filling a form with the keyboard alone', () => {
  const suite = e2eSuite('keyboard-fill');

  it('starts a survey, answers each question, and finalizes it without a pointer', async () => {
    const { page } = await suite.signedIn('agent');
    await new HomePage(page).waitForForm(FORM);

    await tabTo(page, /^Nouvelle saisie\W+Enquête ménage$/);
    await page.keyboard.press('Enter');
    // The form page is there (its first question shown) before the keys go on: the focus moves to its h1.
    await page.getByLabel('Nom de la personne interrogée').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    await tabTo(page, /^Nom de la personne interrogée/);
    await page.keyboard.type('Fatoumata Touré');
    await tabTo(page, /^Nombre de personnes dans le ménage/);
    await page.keyboard.type('6');
    // A radio group takes the focus once; Space picks the focused choice, arrows move within the group.
    await tabTo(page, /^(Femme|Homme)$/);
    if ((await focused(page)) === 'Homme') await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await tabTo(page, /^Forage$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Jour$/);
    await page.keyboard.type('23');
    await page.keyboard.press('Tab');
    // The month is a list: typing its name's first letters picks it, as in any native select.
    expect(await focused(page)).toMatch(/^Mois/);
    await page.keyboard.type('nov');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2026');
    await tabTo(page, /^Utiliser ma position$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Finaliser$/);
    await page.keyboard.press('Enter');

    const form = new FillFormPage(page);
    await expect.poll(async () => (await form.storedSubmissionData()).length, { timeout: 15_000 }).toBe(1);
    const [data] = await form.storedSubmissionData();
    expect(data).toMatchObject({
      respondent_name: 'Fatoumata Touré',
      household_size: 6,
      head_sex: 'female',
      water_sources: ['borehole'],
      visit_date: '2026-11-23',
    });
  });
});
