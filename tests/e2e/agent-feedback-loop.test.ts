import { describe, expect, it } from 'vitest';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Enquête ménage';
const COMMENT = 'Le nombre de personnes semble faux : recomptez avec le chef de ménage.';

/**
 * The loop back to the agent: a focal point flags a submission (a comment is required), the agent finds it
 * under "À corriger" with the comment and a count in the header, corrects it (a new version replacing the
 * flagged one), and the focal point finds the correction in the review queue, under the agent's name.
 */
describe('a flagged submission goes back to its agent and returns corrected', () => {
  const suite = e2eSuite('agent-feedback-loop');

  it('flag with a comment → À corriger with badge → correction → in the reviewer’s queue', async () => {
    const { page: agentPage } = await suite.signedIn('agent');
    const agentHome = new HomePage(agentPage);
    await agentHome.waitForForm(FORM);
    await agentHome.newSubmission(FORM);
    await new FillFormPage(agentPage).finalizeHousehold({
      name: 'Hawa Dicko',
      members: '17',
      date: '2026-11-23',
    });
    const agentList = new SubmissionsPage(agentPage);
    await agentList.syncNow();
    await agentList.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });
    const attentionLink = agentPage.getByRole('navigation').getByRole('link', { name: /^À corriger/ });
    const badge = attentionLink.locator('.nav-count');
    expect(await badge.count()).toBe(0);

    // The focal point flags it; without a comment the form refuses, as the server would.
    const { page: focalPage } = await suite.signedIn('focal');
    const focalHome = new HomePage(focalPage);
    await focalHome.waitForForm(FORM);
    await focalHome.goToSubmissions();
    const focalList = new SubmissionsPage(focalPage);
    const row = focalList.rows().filter({ hasText: 'Hawa Dicko' }).first();
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('Par Moussa Maïga (agent de terrain)');
    await row.getByRole('link').click();
    const flag = focalPage.getByRole('button', { name: 'Problèmes signalés' });
    await flag.click();
    await focalPage.getByRole('alert').filter({ hasText: 'Écrivez un commentaire' }).waitFor();
    const commentBox = focalPage.getByLabel('Commentaire', { exact: true });
    expect(await commentBox.getAttribute('aria-invalid')).toBe('true');
    await commentBox.fill(COMMENT);
    await flag.click();
    await focalPage.getByRole('button', { name: 'Problèmes signalés', pressed: true }).waitFor();
    await focalList.syncNow();
    await focalList.syncBar.getByText('0 en attente').waitFor({ timeout: 30_000 });

    // The agent syncs: the header counts it, "À corriger" shows it with the comment, by name and role.
    await agentList.syncNow();
    await expect.poll(() => badge.count(), { timeout: 30_000 }).toBe(1);
    expect(await badge.innerText()).toBe('1');
    // Read with the link: "À corriger 1".
    await agentPage.getByRole('link', { name: 'À corriger 1', exact: true }).waitFor();
    await attentionLink.click();
    const item = agentPage.locator('li.to-correct');
    await item.waitFor();
    expect(await item.innerText()).toContain(`Commentaire de Fatoumata Cissé (point focal) : ${COMMENT}`);
    expect(await item.innerText()).toContain('Hawa Dicko');
    await expectAccessible(agentPage, 'the À corriger page, in French');
    await agentPage.getByRole('button', { name: 'English' }).click();
    await agentPage.getByRole('heading', { name: 'Flagged submissions' }).waitFor();
    expect(await item.innerText()).toContain(`Comment by Fatoumata Cissé (focal point): ${COMMENT}`);
    await expectAccessible(agentPage, 'the À corriger page, in English');
    await agentPage.getByRole('button', { name: 'Français' }).click();

    // Correcting opens a draft of a new version; finalizing it leaves the list and the badge.
    await item.getByRole('button', { name: 'Corriger' }).click();
    const form = new FillFormPage(agentPage);
    await agentPage.getByLabel('Nombre de personnes dans le ménage').waitFor();
    await form.fillText('Nombre de personnes dans le ménage', '7');
    await form.finalize();
    await agentList.syncNow();
    await agentList.syncBar.getByText('0 en attente').waitFor({ timeout: 30_000 });
    await expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(0);
    await attentionLink.click();
    await agentPage.getByText('Aucune soumission à corriger.').waitFor();

    // The reviewer syncs and finds the new version in the queue, under the agent's name.
    await focalList.syncNow();
    await focalList.syncBar.getByText('0 en attente').waitFor({ timeout: 30_000 });
    await focalPage.goto(`${suite.server.url}/#/review`);
    const queued = focalPage.locator('main li.card').filter({ hasText: 'Nouvelle version (correction)' });
    await queued.waitFor({ timeout: 30_000 });
    expect(await queued.innerText()).toContain('Par Moussa Maïga (agent de terrain)');
    await queued.getByRole('link').click();
    // The correction says what it answers: the flag it corrects, by whom, with the comment.
    const corrects = focalPage.locator('.corrected-review');
    await corrects.waitFor();
    expect(await corrects.innerText()).toContain('revue par Fatoumata Cissé (point focal)');
    expect(await corrects.innerText()).toContain(`Commentaire de la revue : ${COMMENT}`);
    expect(
      await focalPage
        .locator('.sent-field', { hasText: 'Nombre de personnes dans le ménage' })
        .first()
        .innerText(),
    ).toContain('7');
    await expectAccessible(focalPage, 'the corrected submission, in French');
  });
});
