import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../src/core/forms/definition';
import { encodeHlc } from '../../src/core/hlc';
import { DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { DEMO_PASSWORD } from './harness/server';
import { e2eSuite } from './harness/suite';
import { AppPage } from './pages/AppPage';
import { HomePage } from './pages/HomePage';
import { UnlockPage } from './pages/UnlockPage';

/** A small form: a name, a household size (sorted as a number: 12 after 9) and a village (a choice). */
const relays = FormDefinition.parse({
  id: 'relais',
  version: '1',
  title: { fr: 'Relais communautaires', en: 'Community relays' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    { kind: 'question', type: 'text', name: 'nom', label: { fr: 'Nom', en: 'Name' } },
    {
      kind: 'question',
      type: 'integer',
      name: 'taille',
      label: { fr: 'Taille du ménage', en: 'Household size' },
    },
    {
      kind: 'question',
      type: 'select_one',
      name: 'village',
      label: { fr: 'Village', en: 'Village' },
      listName: 'villages',
    },
  ],
  choiceLists: {
    villages: [
      { name: 'gao', label: { fr: 'Gao', en: 'Gao' } },
      { name: 'ansongo', label: { fr: 'Ansongo', en: 'Ansongo' } },
    ],
  },
});

const PEOPLE = [
  ['Aïssata Maïga', 7, 'gao'],
  ['Moussa Touré', 12, 'ansongo'],
  ['Fatou Diallo', 3, 'gao'],
  ['Ibrahim Cissé', 9, 'ansongo'],
] as const;
const idOf = (i: number) => `7a1c0b9e-3c57-4f0e-9a57-0f4a3c1e000${i}`;

/** The names in the table's rows, top to bottom. */
async function names(page: Page): Promise<string[]> {
  const cells = page.locator('table.data-table tbody tr').locator('td, th');
  const texts = await cells.allInnerTexts();
  return texts.filter((t) => PEOPLE.some(([name]) => name === t));
}

describe('the data table of a form', () => {
  const suite = e2eSuite('data-table', { forms: [relays] });

  it('a focal point sorts, filters, searches, picks columns and verifies two rows in one action', async () => {
    const agent = await suite.server.withStorage((s) => s.userByUsername('agent'));
    await suite.server.withStorage((storage) =>
      storage.transaction((tx) =>
        tx.insertNewEntities(
          PEOPLE.map(([nom, taille, village], i) => {
            const at = new Date(Date.UTC(2026, 10, 20 + i, 9));
            return {
              tbl: 'submissions',
              id: idOf(i),
              projectId: DEMO_PROJECT.id,
              createdBy: agent!.id,
              data: {
                id: idOf(i),
                formId: relays.id,
                formVersion: relays.version,
                projectId: DEMO_PROJECT.id,
                data: { nom, taille, village },
                startedAt: at.toISOString(),
                finalizedAt: at.toISOString(),
                replaces: null,
                createdBy: agent!.id,
              },
              hlc: encodeHlc({ wall: at.getTime(), counter: 0, node: 'e2e' }),
              updatedAt: at.toISOString(),
            };
          }),
        ),
      ),
    );

    const { context, page } = await suite.signedIn('focal');
    const home = new HomePage(page);
    await home.waitForForm('Relais communautaires');
    await home.waitForOfflineReady();
    // Offline from here to the sync: the table reads what the device holds.
    // The project's page (home lists the projects) links to each form's table.
    await page.evaluate((id) => {
      window.location.hash = `#/projects/${encodeURIComponent(id)}`;
    }, DEMO_PROJECT.id);
    await page.getByRole('heading', { name: 'Tableaux des données' }).waitFor();
    await page.getByRole('link', { name: 'Relais communautaires', exact: true }).click();
    await page.getByRole('heading', { name: 'Données : Relais communautaires' }).waitFor();
    await page.getByText('4 soumission(s) sur 4').waitFor({ timeout: 30_000 });
    // Offline from here to the sync: the table reads what the device holds.
    await context.setOffline(true);
    // Newest first; the agent's account and the choices' labels.
    await expect
      .poll(() => names(page))
      .toEqual(['Ibrahim Cissé', 'Fatou Diallo', 'Moussa Touré', 'Aïssata Maïga']);
    await page.getByRole('cell', { name: 'Ansongo' }).first().waitFor();

    // Sort by a question: as numbers (3, 7, 9, 12), then the other way.
    const size = page.getByRole('button', { name: 'Taille du ménage' });
    await size.click();
    await page
      .getByRole('columnheader', { name: /Taille du ménage/ })
      .and(page.locator('[aria-sort="ascending"]'))
      .waitFor();
    await expect
      .poll(() => names(page))
      .toEqual(['Fatou Diallo', 'Aïssata Maïga', 'Ibrahim Cissé', 'Moussa Touré']);
    await size.click();
    await page.locator('th[aria-sort="descending"]').waitFor();
    await expect
      .poll(() => names(page))
      .toEqual(['Moussa Touré', 'Ibrahim Cissé', 'Aïssata Maïga', 'Fatou Diallo']);

    // Search any shown cell, without accents.
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await search.fill('aissata');
    await page.getByText('1 soumission(s) sur 4').waitFor();
    await expect.poll(() => names(page)).toEqual(['Aïssata Maïga']);
    await search.fill('ansongo');
    await page.getByText('2 soumission(s) sur 4').waitFor();
    await search.fill('');
    await page.getByText('4 soumission(s) sur 4').waitFor();

    // Pick columns: without the agent's, remembered for this form after a reload.
    await page.getByText('Colonnes', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Agent' }).uncheck();
    await page.getByRole('columnheader', { name: 'Agent' }).waitFor({ state: 'detached' });
    // A reload locks the app; the password unlocks it offline, on the same page.
    await page.reload();
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await page.getByRole('heading', { name: 'Données : Relais communautaires' }).waitFor();
    await page.getByText('4 soumission(s) sur 4').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Agent' }).count()).toBe(0);
    await page.getByRole('columnheader', { name: /Village/ }).waitFor();

    // Select two rows from the keyboard, verify both in one action.
    await expectAccessible(page, 'the data table in French');
    for (const name of ['Aïssata Maïga', 'Moussa Touré']) {
      const box = page.locator('tbody tr', { hasText: name }).getByRole('checkbox');
      await box.focus();
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
    await page.getByText('2 sélectionnée(s)').waitFor();
    await page.getByRole('button', { name: 'Marquer comme vérifiées (2)' }).click();
    await page
      .getByRole('status')
      .getByText('2 soumission(s) marquée(s) vérifiée(s), envoyée(s) à la prochaine synchronisation.')
      .waitFor();
    await expectAccessible(page, 'the data table after verifying');
    await page.screenshot({ path: 'test-results/data-table-verified.png', fullPage: true });

    // Filter by status: the two verified, and the two not reviewed yet.
    const status = page.getByRole('combobox', { name: 'Statut de revue' });
    await status.selectOption({ label: 'Vérifiée' });
    await page.getByText('2 soumission(s) sur 4').waitFor();
    await expect.poll(async () => (await names(page)).sort()).toEqual(['Aïssata Maïga', 'Moussa Touré']);
    await status.selectOption({ label: 'Pas encore revue' });
    await page.getByText('2 soumission(s) sur 4').waitFor();
    await expect.poll(async () => (await names(page)).sort()).toEqual(['Fatou Diallo', 'Ibrahim Cissé']);

    // Back online: one sync sends both reviews.
    await context.setOffline(false);
    await new AppPage(page).syncNow();
    const reviewed = () =>
      suite.server.withStorage(async (storage) =>
        Promise.all([0, 1].map(async (i) => (await storage.getEntity('reviews', idOf(i)))?.data)),
      );
    await expect
      .poll(async () => (await reviewed()).map((r) => (r as { status?: string } | undefined)?.status), {
        timeout: 30_000,
      })
      .toEqual(['verified', 'verified']);

    // In English, the same table, accessible too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Data: Community relays' }).waitFor();
    await page.getByRole('columnheader', { name: /Household size/ }).waitFor();
    await expectAccessible(page, 'the data table in English');

    // Opening a row shows the submission.
    await page.getByRole('combobox', { name: 'Review status' }).selectOption({ label: 'All' });
    await page.locator('tbody tr', { hasText: 'Fatou Diallo' }).getByRole('link').click();
    await page.waitForURL(new RegExp(`#/submissions/${idOf(2)}$`));
  });

  it('the review queue links to each form’s table; at 800 × 1280 the sync bar never covers the search box or a focused row', async () => {
    // 60 household surveys: more than a page of 50, a page taller than the screen.
    const agent = await suite.server.withStorage((s) => s.userByUsername('agent'));
    await suite.server.withStorage((storage) =>
      storage.transaction((tx) =>
        tx.insertNewEntities(
          Array.from({ length: 60 }, (_, i) => {
            const at = new Date(Date.UTC(2026, 10, 1, 8, i));
            const id = `5b2d1c8f-4d68-4a1f-8b68-1f5b4d2f${String(i).padStart(4, '0')}`;
            return {
              tbl: 'submissions',
              id,
              projectId: DEMO_PROJECT.id,
              createdBy: agent!.id,
              data: {
                id,
                formId: DEMO_FORM.id,
                formVersion: DEMO_FORM.version,
                projectId: DEMO_PROJECT.id,
                data: { respondent_name: `Personne ${i}` },
                startedAt: at.toISOString(),
                finalizedAt: at.toISOString(),
                replaces: null,
                createdBy: agent!.id,
              },
              hlc: encodeHlc({ wall: at.getTime(), counter: 0, node: 'e2e' }),
              updatedAt: at.toISOString(),
            };
          }),
        ),
      ),
    );
    const { page } = await suite.signedIn('focal');
    await page.setViewportSize({ width: 800, height: 1280 });
    const home = new HomePage(page);
    await home.waitForForm('Enquête ménage');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'À vérifier', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'À vérifier' }).waitFor();
    const tables = page.getByRole('region', { name: 'Tableaux des données' });
    await tables.getByText('60 à vérifier').waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'the review queue with its links to the data tables');
    await tables.getByRole('link', { name: 'Enquête ménage', exact: true }).click();
    await page.getByRole('heading', { name: 'Données : Enquête ménage' }).waitFor();
    await page.getByText('60 soumission(s) sur 60').waitFor({ timeout: 30_000 });

    const bar = page.getByRole('region', { name: 'État de la synchronisation' });
    const clear = async (target: ReturnType<Page['locator']>) => {
      const [b, box] = [await bar.boundingBox(), await target.boundingBox()];
      expect(b && box).toBeTruthy();
      // Below the bar, or the bar is not over it: the boxes do not overlap.
      expect(box!.y >= b!.y + b!.height || box!.y + box!.height <= b!.y).toBe(true);
    };
    // From the bottom of the page, the search box gets the focus: it scrolls into view under the bar.
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await search.focus();
    await clear(search);
    // Typing in it keeps it clear of the bar.
    await search.fill('Personne 1');
    await page.getByText('11 soumission(s) sur 60').waitFor();
    await clear(search);
    await search.fill('');
    await page.getByText('60 soumission(s) sur 60').waitFor();
    // A row's checkbox focused from below the fold, then from above it.
    const boxes = page.locator('tbody tr').getByRole('checkbox');
    for (const index of [20, 45, 3]) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await boxes.nth(index).focus();
      await clear(boxes.nth(index));
    }
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    const focused = page.locator(':focus');
    await clear(focused);
  });
});
