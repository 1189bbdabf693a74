import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_FORM } from './forms/distributionForm';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { UnlockPage } from './pages/UnlockPage';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Suivi de distribution';

describe('a reviewer sees the photo an agent took', () => {
  const suite = e2eSuite('review-photo', { forms: [DISTRIBUTION_FORM] });

  it('uploads it after the record, and shows it on the submission page of the focal point, also offline', async () => {
    const { page: agentPage } = await suite.signedIn('agent');
    const agentHome = new HomePage(agentPage);
    await agentHome.waitForForm(FORM);
    await agentHome.newSubmission(FORM);
    const form = new FillFormPage(agentPage);
    await form.fillText('Nom du bénéficiaire', 'Mariam Traoré');
    await form.fillText('Taille du ménage', '5');
    await form.choose('Kit reçu', 'Complet');
    // Any real image will do: the app's own screen, as a PNG.
    await form.attachPhoto('Photo du kit', {
      name: 'kit.png',
      mimeType: 'image/png',
      buffer: await agentPage.screenshot(),
    });
    await form.finalize();
    const agentList = new SubmissionsPage(agentPage);
    await agentList.syncNow();
    await agentList.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });

    const { context, page } = await suite.signedIn('focal');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.goToSubmissions();
    await new SubmissionsPage(page).rowWithState('Synchronisée').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: `Mariam Traoré — ${FORM}` }).click();
    // Downloaded on demand (the agent's upload may still be under way: "Réessayer" fetches it again).
    const photo = page.getByRole('img', { name: 'Photo du kit' });
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
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // Kept on the device: offline and after a reload, the photo is still there.
    await context.setOffline(true);
    await page.reload();
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await page.getByRole('img', { name: 'Photo du kit' }).waitFor({ timeout: 15_000 });
  });
});
