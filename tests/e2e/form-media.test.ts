import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import {
  WELL_GOOD_CHOICE,
  WELL_IMAGE_LABEL,
  WELL_PHOTO_LABEL,
  WELL_PNG,
  WELL_TITLE,
  wellWorkbook,
} from './forms/wellWorkbook';
import { expectAccessible } from './harness/axe';
import { DEMO_PASSWORD } from './harness/server';
import { e2eSuite } from './harness/suite';
import { TestDevice } from './harness/testDevice';
import { FormsAdminPage } from './pages/FormsAdminPage';
import { HomePage } from './pages/HomePage';
import { UnlockPage } from './pages/UnlockPage';

const VERSION = '2026120610';

/** The width the browser decoded the image at: 0 for a picture that did not load. */
const naturalWidth = (image: Locator) => image.evaluate((img: HTMLImageElement) => img.naturalWidth);

describe('a form with a picture', () => {
  const suite = e2eSuite('form-media');

  it('is previewed with the dropped image, published with it, and shows it to an agent offline', async () => {
    const agent = await suite.signedIn('agent');
    const agentHome = new HomePage(agent.page);
    await agentHome.waitForForm('Enquête ménage');
    await agentHome.waitForOfflineReady();

    const { page } = await suite.signedIn('supervisor');
    const forms = new FormsAdminPage(page);
    await new HomePage(page).waitForForm('Enquête ménage');
    await forms.open();

    // The workbook and its picture, dropped together: checked by the server, nothing published yet.
    await forms.drop([{ name: 'puits.xlsx', buffer: wellWorkbook(VERSION) }, WELL_PNG]);
    await page.getByText('Joints : puits.png').waitFor();
    await page.getByText(`Prêt à publier : ${WELL_TITLE}, version ${VERSION}, 3 question(s).`).waitFor();

    // The preview shows the picture from the dropped file.
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const previewImage = page.getByRole('img', { name: WELL_IMAGE_LABEL });
    await previewImage.waitFor();
    await expect.poll(() => naturalWidth(previewImage)).toBe(64);

    // A photo taken to try the form is shown, and held in memory only: nothing on the device.
    const device = new TestDevice(page);
    const photo = await device.photo(7, 320, 240);
    await page
      .getByLabel(WELL_PHOTO_LABEL)
      .setInputFiles({ name: 'essai.jpg', mimeType: 'image/jpeg', buffer: photo });
    const taken = page.locator('.media-preview').getByRole('img', { name: WELL_PHOTO_LABEL });
    await taken.waitFor();
    await expect.poll(() => naturalWidth(taken)).toBeGreaterThan(0);
    const stored = await device.read();
    expect([stored.submissions, stored.outbox, stored.media]).toEqual([[], [], []]);
    await expectAccessible(page, 'the preview of a form with a picture');

    await page.getByRole('button', { name: `Publier la version ${VERSION}` }).click();
    await page.getByText(`Version ${VERSION} de « ${WELL_TITLE} » publiée`, { exact: false }).waitFor();

    // The agent's sync brings the form; its picture cannot come this time (the link drops it). The form
    // opens all the same, with its texts and a note that the picture is on its way.
    const fileUrl = '**/api/projects/*/forms/inspection_puits/versions/*/files/puits.png';
    await agent.context.route(fileUrl, (route) => route.abort());
    await agentHome.syncNow();
    await agentHome.waitForForm(WELL_TITLE);
    await agentHome.newSubmission(WELL_TITLE);
    await agent.page.getByText(WELL_IMAGE_LABEL).waitFor();
    await agent.page
      .getByText('Les images et sons de ce formulaire sont en cours de téléchargement')
      .waitFor();
    expect(await agent.page.getByRole('img', { name: WELL_IMAGE_LABEL }).count()).toBe(0);
    await expectAccessible(agent.page, 'a form whose picture is still downloading');

    // The next sync brings the picture, shown where the note was.
    await agent.context.unroute(fileUrl);
    await agentHome.syncNow();
    const image = agent.page.getByRole('img', { name: WELL_IMAGE_LABEL });
    await image.waitFor();
    await expect.poll(() => naturalWidth(image)).toBe(64);

    // Offline, after a reload: the picture comes from the device.
    await agent.context.setOffline(true);
    await agent.page.reload();
    await new UnlockPage(agent.page).unlock(DEMO_PASSWORD);
    await agentHome.goHome();
    await agentHome.newSubmission(WELL_TITLE);
    const offlineImage = agent.page.getByRole('img', { name: WELL_IMAGE_LABEL });
    await offlineImage.waitFor();
    await expect.poll(() => naturalWidth(offlineImage)).toBe(64);
    // The choice's picture, beside its radio button.
    const choiceImage = agent.page.locator('.choice').getByRole('img', { name: WELL_GOOD_CHOICE });
    await expect.poll(() => naturalWidth(choiceImage)).toBe(64);
    await agent.page.getByLabel(WELL_GOOD_CHOICE).check();
    await expectAccessible(agent.page, 'a form with a picture, offline');
    await agent.context.setOffline(false);
  });
});
