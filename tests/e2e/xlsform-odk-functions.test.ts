import { describe, expect, it } from 'vitest';
import { ODK_FORM_TITLE, odkFunctionsForm } from './forms/odkFunctionsForm';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';
import { UnlockPage } from './pages/UnlockPage';

describe('an XLSForm written for ODK (paths, pulldata, indexed-repeat, last-saved, trigger), filled offline in French', () => {
  const suite = e2eSuite('xlsform-odk-functions', { forms: [odkFunctionsForm()] });

  it('runs every function on the tablet with no network', async () => {
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    const form = new FillFormPage(page);
    await home.waitForForm(ODK_FORM_TITLE);
    await home.waitForOfflineReady();
    await context.setOffline(true);
    await page.reload();
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await home.syncBar.getByText('Hors ligne').waitFor();

    // First survey: no last submission yet, so the village starts empty.
    await home.newSubmission(ODK_FORM_TITLE);
    expect(await page.getByLabel('Village').inputValue()).toBe('');
    await form.fillText('Village', 'Sikasso');
    // The price comes from the CSV attached to the form, carried in the definition.
    await form.fillText('Fruit', 'mangue');
    await expect.poll(() => page.getByLabel('Prix').inputValue()).toBe('350');
    // digest()'s code is loaded for this form only (its own chunk, precached: we are offline).
    await expect
      .poll(() => page.getByLabel('Empreinte').inputValue())
      .toBe('fc0b48d0527a87036f061f4eabb8befd');

    // Two plots; the first has a tree, read through ../../area and ../height.
    const plot1 = await form.addInstance('Parcelle 1');
    await plot1.getByLabel('Superficie').fill('12');
    await page.getByRole('button', { name: 'Ajouter : Arbre 1' }).click();
    const tree = form.instance('Arbre 1');
    await tree.getByLabel('Hauteur').fill('15');
    await expect.poll(() => tree.getByLabel('Ratio').inputValue()).toBe('12/15');
    await tree.getByLabel('Grand arbre').waitFor();
    const plot2 = await form.addInstance('Parcelle 2');
    await plot2.getByLabel('Superficie').fill('30');
    await expect.poll(() => page.getByLabel('Première parcelle').inputValue()).toBe('12');

    // The doubled weight follows the kilos when they change, and keeps the agent's correction otherwise.
    await form.fillText('Kilos', '4');
    await expect.poll(() => page.getByLabel('Double calculé').inputValue()).toBe('8');
    await form.fillText('Double calculé', '9');
    await form.fillText('Fruit', 'orange');
    await expect.poll(() => page.getByLabel('Prix').inputValue()).toBe('200');
    expect(await page.getByLabel('Double calculé').inputValue()).toBe('9');

    await form.finalize();
    await new SubmissionsPage(page).rowWithState('En attente').waitFor();
    const [stored] = await form.storedSubmissions();
    expect(stored?.data).toEqual({
      village: 'Sikasso',
      fruit: 'orange',
      price: '200',
      code: 'fe01d67a002dfa0f3ac084298142eccd',
      plot: [{ area: 12, tree: [{ height: 15, ratio: '12/15' }] }, { area: 30 }],
      first: '12',
      kilos: 4,
      doubled: 9,
    });

    // The next survey starts in the village of the last one (last-saved).
    await form.goHome();
    await home.newSubmission(ODK_FORM_TITLE);
    await expect.poll(() => page.getByLabel('Village').inputValue()).toBe('Sikasso');
  });
});
