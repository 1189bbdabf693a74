import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { readRawStorage } from './harness/rawStorage';
import { DEMO_PASSWORD } from './harness/server';
import { TestDevice } from './harness/testDevice';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const FORM = 'Enquête ménage';
const MARKER = 'Kadiatou-Témoin-5e1d';

/**
 * One tablet, one browser profile, several users (issue 12): what the first collected offline is sealed under
 * their key, so once they signed out nobody on the tablet reads it, raw or through the app, and nothing the
 * second does removes it; the supervisor, signed in on that tablet at base, sends the first user's changes,
 * sealed to the server, without reading them.
 */
describe('a tablet shared by two users', () => {
  const suite = e2eSuite('shared-tablet');

  it("leaves the first user's data unreadable to the next, and intact", async () => {
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await context.setOffline(true);

    // A draft and a submission holding the marker, offline.
    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    await form.fillText('Nom de la personne interrogée', `${MARKER} (brouillon)`);
    await page.getByText('Enregistré', { exact: true }).waitFor();
    await home.goHome();
    await home.newSubmission(FORM);
    await form.finalizeHousehold({ name: MARKER, members: '4', date: '2026-12-06' });
    const submissions = new SubmissionsPage(page);
    await submissions.rowWithState('En attente').waitFor();
    expect(await submissions.rows().first().innerText()).toContain(MARKER);
    const [submission] = (await new TestDevice(page).read()).submissions;
    expect(submission?.data).toMatchObject({ respondent_name: MARKER });

    // The scan finds a marker where one is in clear (a control database), and this one nowhere.
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const open = indexedDB.open('scan-control');
          open.onupgradeneeded = () =>
            open.result.createObjectStore('rows').put('control-marker-in-clear', 1);
          open.onsuccess = () => {
            open.result.close();
            resolve(null);
          };
        }),
    );
    const before = await readRawStorage(page);
    expect(before).toContain('control-marker-in-clear');
    expect(before).not.toContain(MARKER);

    // Agent A signs out, offline; agent B (the focal point) signs in on the same browser profile. B's link
    // drops on sealed pushes, so that the supervisor is the one who sends A's changes below (B's session
    // would send them too: tests/app/integration/sealedOutbox.test.ts).
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Oui, se déconnecter' }).click();
    await context.setOffline(false);
    await page.route('**/api/sync/push-sealed', (route) => route.abort('connectionfailed'));
    const signIn = new SignInPage(page);
    await signIn.signIn('focal', DEMO_PASSWORD);
    const focalHome = new HomePage(page);
    await focalHome.goHome();
    await focalHome.waitForForm(FORM);
    expect(await page.content()).not.toContain(MARKER);
    const raw = await readRawStorage(page);
    expect(raw).toContain('# database terrain-vault');
    expect(raw).not.toContain(MARKER);

    // B cannot open A's submission: not in B's data, and A's database does not open with B's key.
    await page.goto(`${suite.server.url}/#/submissions/${encodeURIComponent(submission!.id)}`);
    await page.getByText('Cette soumission n’est pas sur cet appareil.').waitFor();
    const others = await new TestDevice(page).openOthers();
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({ opened: 0 });
    expect(others[0]!.errors.join(' ')).toMatch(/does not open/);

    // B removes B's own data (nothing unsent): A's stays.
    await page.goto(`${suite.server.url}/#/export`);
    await page.getByRole('button', { name: 'Retirer mes données' }).click();
    await page.getByRole('button', { name: 'Oui, effacer' }).click();
    await page.getByText('Vos données ont été retirées de cet appareil.').waitFor();

    // The supervisor signs in at base and syncs: A's sealed changes reach the server, intact, sent by the
    // supervisor for A; the supervisor's session read none of it.
    await page.unroute('**/api/sync/push-sealed');
    await signIn.signIn('supervisor', DEMO_PASSWORD);
    await page
      .getByText(/\d+ envoi\(s\) d’autres utilisateurs de cette tablette transmis/)
      .waitFor({ timeout: 30_000 });
    const onServer = await suite.server.submission(submission!.id);
    expect(onServer).toMatchObject({ id: submission!.id });
    expect(JSON.stringify(onServer)).toContain(MARKER);
    const [sent] = await suite.server.withStorage((storage) =>
      storage.listAudit(1, { action: 'submission.import' }),
    );
    const users = await suite.server.withStorage(async (storage) => ({
      agent: await storage.userByUsername('agent'),
      supervisor: await storage.userByUsername('supervisor'),
    }));
    expect(sent).toMatchObject({ userId: users.supervisor!.id, onBehalfOf: users.agent!.id });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Oui, se déconnecter' }).click();

    // A signs in again: the draft and the submission are there, whole, and the submission syncs.
    await signIn.signIn('agent', DEMO_PASSWORD);
    await home.goHome();
    await home.waitForForm(FORM);
    await page.getByRole('link', { name: 'Soumissions', exact: true }).click();
    await submissions.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });
    expect(await submissions.rows().first().innerText()).toContain(MARKER);
    await home.goHome();
    await page
      .locator('li.card-draft')
      .first()
      .getByRole('button', { name: /^Continuer/ })
      .click();
    await page.getByLabel('Nom de la personne interrogée').waitFor();
    expect(await page.getByLabel('Nom de la personne interrogée').inputValue()).toBe(`${MARKER} (brouillon)`);
  });
});
