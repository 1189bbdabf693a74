import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Enquête ménage';
const SIZE = 'Nombre de personnes dans le ménage';

describe('a focal point corrects a finalized submission', () => {
  const suite = e2eSuite('submission-versions');

  it('makes a new version, keeps the earlier one readable, and the agent receives it', async () => {
    const { page: agentPage } = await suite.signedIn('agent');
    const agentHome = new HomePage(agentPage);
    await agentHome.waitForForm(FORM);
    await agentHome.newSubmission(FORM);
    const form = new FillFormPage(agentPage);
    await form.fillHousehold('Aminata Maïga', '7');
    await form.finalize();
    const agentList = new SubmissionsPage(agentPage);
    // Finalized online, it is sent at once: it may already be synced when the list shows it.
    await agentList.rows().first().waitFor();
    await agentList.syncNow();
    await agentList.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });

    // The focal point opens the submission and corrects it: a draft prefilled on the same form version.
    const { page } = await suite.signedIn('focal');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.goToSubmissions();
    const list = new SubmissionsPage(page);
    await list.rowWithState('Synchronisée').waitFor();
    await page.getByRole('link', { name: `Aminata Maïga — ${FORM}` }).click();
    await page.getByRole('button', { name: 'Corriger' }).click();
    const correction = new FillFormPage(page);
    await correction.formVersion('2026-11-23').waitFor();
    expect(await page.getByLabel('Nom de la personne interrogée').inputValue()).toBe('Aminata Maïga');
    expect(await page.getByLabel(SIZE).inputValue()).toBe('7');
    await correction.fillText(SIZE, '8');
    await correction.finalize();

    // One row: the new version, marked as corrected; it syncs like any submission (at once, online).
    await list.rows().filter({ hasText: 'Corrigée' }).waitFor();
    expect(await list.rows().count()).toBe(1);
    expect(await list.rows().first().innerText()).toContain('Corrigée');
    await list.syncNow();
    await list.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });

    // The history keeps the earlier version, readable as it was.
    await page.getByRole('link', { name: `Aminata Maïga — ${FORM}` }).click();
    await page.getByRole('heading', { name: 'Historique des versions' }).waitFor();
    expect(await page.locator('.sent-field', { hasText: SIZE }).innerText()).toContain('8');
    await page.getByRole('link', { name: /^Version 1 sur 2/ }).click();
    await page.getByText('Version remplacée par une correction.').waitFor();
    expect(await page.locator('.sent-field', { hasText: SIZE }).innerText()).toContain('7');

    // The agent who made it receives the correction as the current version.
    await agentList.syncNow();
    await agentList.rows().filter({ hasText: 'Corrigée' }).waitFor({ timeout: 30_000 });
    expect(await agentList.rows().count()).toBe(1);
    expect(await agentList.rows().first().innerText()).toContain('Par Fatoumata Cissé (point focal)');
  });
});
