import { describe, expect, it } from 'vitest';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';
import { TestDevice } from './harness/testDevice';
import { UnlockPage } from './pages/UnlockPage';

const FORM = 'Enquête ménage';
const NAME = 'Fanta Keïta';

/**
 * The app locks itself after the server's idle time (IDLE_LOCK_MINUTES, here 9 seconds) and on a reload; a
 * locked app shows the unlock page and nothing else; the password unlocks it, offline too.
 */
describe('the idle lock and the offline unlock', () => {
  const suite = e2eSuite('idle-lock', { idleLockMinutes: 0.15 });

  it('locks when left alone, shows nothing but the unlock page, and unlocks offline after a reload', async () => {
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    await form.fillText('Nom de la personne interrogée', NAME);
    await page.getByText('Enregistré', { exact: true }).waitFor();

    // Left alone: the unlock page replaces the form, and the answers are nowhere in the page.
    const unlock = new UnlockPage(page);
    await unlock.heading.waitFor({ timeout: 30_000 });
    expect(await page.content()).not.toContain(NAME);
    expect(await page.getByRole('navigation').count()).toBe(0);
    await expectAccessible(page, 'the unlock page');

    await unlock.unlock('pas-le-bon-mot-de-passe');
    await page.getByText('Mot de passe incorrect.').waitFor();
    await unlock.unlock(DEMO_PASSWORD);
    await page.getByLabel('Nom de la personne interrogée').waitFor();
    expect(await page.getByLabel('Nom de la personne interrogée').inputValue()).toBe(NAME);

    // No network, and the tablet reloads: locked again, and the password alone opens it.
    await context.setOffline(true);
    await page.reload();
    await unlock.heading.waitFor();
    expect(await page.content()).not.toContain(NAME);
    await unlock.unlock(DEMO_PASSWORD);
    await page.getByLabel('Nom de la personne interrogée').waitFor();
    expect(await page.getByLabel('Nom de la personne interrogée').inputValue()).toBe(NAME);
  });

  it('a locked tablet sends what waits, sealed, as soon as the network is back', async () => {
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await context.setOffline(true);
    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    await form.finalizeHousehold({ name: NAME, members: '3', date: '2026-12-06' });
    await new SubmissionsPage(page).rowWithState('En attente').waitFor();
    const [submission] = (await new TestDevice(page).read()).submissions;

    // Locked while offline; the network comes back and nobody unlocks: the sealed change goes all the same.
    const unlock = new UnlockPage(page);
    await unlock.heading.waitFor({ timeout: 30_000 });
    expect(await suite.server.submission(submission!.id)).toBeUndefined();
    await context.setOffline(false);
    await expect
      .poll(async () => JSON.stringify((await suite.server.submission(submission!.id)) ?? null), {
        timeout: 30_000,
      })
      .toContain(NAME);
    await unlock.heading.waitFor();
  });
});
