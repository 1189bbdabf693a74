import { describe, expect, it } from 'vitest';
import { revokeDevice } from '../../src/server/devices/commands';
import { DEMO_ANSWERS, DEMO_FORM } from '../../src/server/seed/demoForm';
import { e2eSuite } from './harness/suite';
import { readRawStorage } from './harness/rawStorage';
import { TestDevice } from './harness/testDevice';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SyncBar } from './pages/SyncBar';

const FORM = 'Enquête ménage';
const MARKER = 'Oumou-Révoquée-91b2';

/**
 * A lost tablet's device revoked by an operator (`users devices revoke`): at its next contact the device
 * learns it (401 `device_revoked`) and destroys its readable copy of the user's data by deleting the data
 * key, then the database. What it had sent is on the server; a draft it had not sent is gone with it.
 */
describe('a revoked device', () => {
  const suite = e2eSuite('revoked-device');

  it('sends what it can, then shreds the user’s data at its next contact', async () => {
    const { page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    const bar = SyncBar.of(page);
    await bar.waitForAllSent(30_000);

    // One submission sent while the device is trusted; a draft kept on the device.
    const device = new TestDevice(page);
    const [sent] = await device.seedSubmissions({
      formId: DEMO_FORM.id,
      submissions: [{ answers: { ...DEMO_ANSWERS, respondent_name: 'Envoyée avant la révocation' } }],
    });
    await home.syncNow();
    await bar.waitForAllSent(30_000);
    expect(await suite.server.submission(sent!)).toBeDefined();
    await home.newSubmission(FORM);
    await new FillFormPage(page).fillText('Nom de la personne interrogée', MARKER);
    await page.getByText('Enregistré', { exact: true }).waitFor();

    const { clientId } = await device.read();
    await suite.server.withStorage((storage) => revokeDevice(storage, clientId, new Date()));

    // The next contact: the app erases the user's data and says why.
    await home.goHome();
    await home.syncNow();
    await page
      .getByText('L’accès de cet appareil ou de ce compte a été révoqué')
      .waitFor({ timeout: 30_000 });
    const raw = await readRawStorage(page);
    expect(raw).not.toContain(MARKER);
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(
      names.filter((n) => n?.startsWith('terrain-') && !['terrain-session', 'terrain-vault'].includes(n)),
    ).toEqual([]);
    // The server still has what was sent before.
    expect(await suite.server.submission(sent!)).toBeDefined();
  });
});
