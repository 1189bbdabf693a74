import { describe, expect, it } from 'vitest';
import { expectAccessible } from './harness/axe';
import { DEMO_PASSWORD } from './harness/server';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { SignInPage } from './pages/SignInPage';

/**
 * After too many failed sign-ins the server locks the account for a while (429 with Retry-After), even for
 * the right password; the sign-in page says how long to wait and until what time.
 */
describe('a throttled sign-in', () => {
  const suite = e2eSuite('sign-in-throttle');

  const failures = () =>
    suite.server.withStorage(
      async (storage) => (await storage.listAudit(100, { action: 'auth.login_failed' })).length,
    );

  it('says when to try again, in French, even with the right password', async () => {
    const context = await suite.device();
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open(suite.server.url);

    for (let i = 1; i <= 5; i += 1) {
      await signIn.signIn('focal', `mauvais-mot-de-passe-${i}`);
      // Each failure is recorded by the server before it answers: wait for it, then for its message.
      await expect.poll(failures).toBe(i);
      await page.getByRole('alert').getByText("Nom d'utilisateur ou mot de passe incorrect.").waitFor();
    }

    await signIn.signIn('focal', DEMO_PASSWORD);
    const alert = page.getByRole('alert');
    await alert.getByText(/Réessayez dans/).waitFor();
    expect(await alert.textContent()).toMatch(
      /^Trop de tentatives de connexion\. Réessayez dans \d+\s(minutes?|secondes?) \(à \d{2}:\d{2}\)\.$/u,
    );
    // Still on the sign-in page, the password kept for the next try.
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe(DEMO_PASSWORD);
    expect(await page.getByRole('button', { name: 'Se connecter' }).isEnabled()).toBe(true);
    await expectAccessible(page, 'the sign-in page with a throttled sign-in');
    await saveScreenshot(page, 'sign-in-throttled');
  });
});
