import { describe, expect, it } from 'vitest';
import { ENGINE_FORM } from './forms/engineForm';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { UnlockPage } from './pages/UnlockPage';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Visite de contrôle';

describe('the form engine drives the fill screen', () => {
  const suite = e2eSuite('fill-engine', { forms: [ENGINE_FORM] });

  it('shows relevance, constraints, calculations, filtered choices and repeats offline, and stores only relevant answers', async () => {
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await context.setOffline(true);
    await page.reload();
    // A reload locks: the data key lived in the page's memory only.
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await home.newSubmission(FORM);
    const form = new FillFormPage(page);

    // Choice filter: the villages follow the region; a village no longer offered is cleared.
    await form.choose('Région', 'Nord');
    const village = form.question('Village');
    await village.getByLabel('Gao', { exact: true }).waitFor();
    expect(await village.getByRole('radio').count()).toBe(2);
    expect(await village.getByLabel('Sikasso').count()).toBe(0);
    await form.choose('Village', 'Gao');
    await form.choose('Région', 'Sud');
    await village.getByLabel('Sikasso', { exact: true }).waitFor();
    expect(await village.getByLabel('Gao').count()).toBe(0);
    expect(await village.getByRole('radio', { checked: true }).count()).toBe(0);
    await form.choose('Village', 'Sikasso');

    // Relevance: the number of children appears only for a household with children.
    const children = page.getByLabel('Nombre d’enfants');
    expect(await children.count()).toBe(0);
    await form.choose('Le ménage a-t-il des enfants ?', 'Oui');
    // A failing constraint shows its own message as soon as the value is typed.
    await children.fill('25');
    await page.getByText('Pas plus de 20 enfants.').waitFor();
    await children.fill('3');
    await page.getByText('Pas plus de 20 enfants.').waitFor({ state: 'detached' });

    // Repeats: two members, a third added and removed after confirmation.
    const first = await form.addInstance('Membre 1');
    await first.getByLabel('Nom du membre').fill('Awa');
    await first.getByLabel('Âge').fill('30');
    const second = await form.addInstance('Membre 2');
    await second.getByLabel('Nom du membre').fill('Moussa');
    await second.getByLabel('Âge').fill('12');
    await form.addInstance('Membre 3');
    await page.getByRole('button', { name: 'Supprimer Membre 3' }).click();
    await page.getByRole('button', { name: 'Oui, supprimer' }).click();
    await form.instance('Membre 3').waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Monter Membre 2' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Monter Membre 1' }).isDisabled()).toBe(true);

    // The calculation is shown read-only and follows the answers.
    await expect.poll(() => page.locator('output.calculated-value').innerText()).toBe('42');

    // The household turns out to have no children: the question hides, its answer is kept in the draft...
    await form.choose('Le ménage a-t-il des enfants ?', 'Non');
    await children.waitFor({ state: 'detached' });
    await form.choose('Le ménage a-t-il des enfants ?', 'Oui');
    expect(await children.inputValue()).toBe('3');
    await form.choose('Le ménage a-t-il des enfants ?', 'Non');

    // ...and dropped when finalizing.
    await form.finalize();
    const submissions = new SubmissionsPage(page);
    await submissions.rowWithState('En attente').waitFor();
    const [data, ...others] = await form.storedSubmissionData();
    expect(others).toEqual([]);
    expect(data).toEqual({
      region: 'sud',
      village: 'sikasso',
      has_children: 'no',
      member: [
        { member_name: 'Awa', age: 30 },
        { member_name: 'Moussa', age: 12 },
      ],
      total_age: 42,
    });
  });
});
