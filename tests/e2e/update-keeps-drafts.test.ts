import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { UnlockPage } from './pages/UnlockPage';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';

describe('a new version of the app', () => {
  const suite = e2eSuite('update');

  it('is offered, never forced, and reloading for it keeps the draft being typed', async () => {
    const { page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    await form.fillText('Nom de la personne interrogée', 'Oumar Touré');

    // Two new builds in a row: the first finds the page not yet controlled by a worker (the first visit), so
    // the new worker activates at once; the second finds it controlled, so the new worker waits for the user.
    for (const [version, size] of [
      [2, '5'],
      [3, '6'],
    ] as const) {
      appendFileSync(join(suite.server.staticDir, 'sw.js'), `\n// version ${version}\n`);
      const urlBefore = page.url();
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      await page.getByText('Une nouvelle version est disponible.').waitFor();

      // Offered, not forced: the page stays, and the agent keeps typing.
      await page.waitForTimeout(500);
      expect(page.url()).toBe(urlBefore);
      await form.fillText('Nombre de personnes dans le ménage', size);

      // Reloading right after the last keystroke must not lose it: the pending save is flushed first.
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Recharger' }).click()]);
      // The reload locks (the data key lived in the page's memory only): the agent types the password.
      await new UnlockPage(page).unlock(DEMO_PASSWORD);
      await page.getByLabel('Nom de la personne interrogée').waitFor();
      expect(await page.getByLabel('Nom de la personne interrogée').inputValue()).toBe('Oumar Touré');
      expect(await page.getByLabel('Nombre de personnes dans le ménage').inputValue()).toBe(size);
      expect(await page.getByText('Une nouvelle version est disponible.').count()).toBe(0);
      expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    }
  });
});
