import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { DEMO_ANSWERS, DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { TestDevice } from './harness/testDevice';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { SyncBar } from './pages/SyncBar';

const FORM = 'Enquête ménage';
const NAME = 'Awa Diallo';

/** Opens (or reopens, which reloads the server's answer) the users page from the header. */
async function openUsers(page: Page) {
  await new HomePage(page).goHome();
  await page.getByRole('link', { name: 'Utilisateurs', exact: true }).click();
  await page.getByRole('heading', { name: 'Utilisateurs et appareils' }).waitFor();
  await page.getByRole('heading', { name: /^Comptes \(\d+\)$/ }).waitFor({ timeout: 30_000 });
}

/** The one-time password the page shows after a creation or a reset. */
async function oneTimePassword(page: Page, username: string): Promise<string> {
  const notice = page.getByRole('status').filter({ hasText: `Mot de passe de ${username}` });
  await notice.waitFor({ timeout: 30_000 });
  const match = /affiché une seule fois : (\S+)$/.exec((await notice.innerText()).trim());
  if (!match?.[1]) throw new Error('no one-time password shown');
  return match[1];
}

/** The account's card, and its "Gérer" panel opened. */
async function manage(page: Page, name: string) {
  const card = page.locator('li.user-card').filter({ has: page.getByText(name, { exact: true }) });
  const details = card.locator('details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await card.getByText(`Gérer ${name}`).click();
  return card;
}

describe('an admin manages accounts and devices from the users page', () => {
  const suite = e2eSuite('users-page');

  it('creates an account, sees its tablet report, resets, revokes and disables', async () => {
    // A tablet nobody has synced for weeks (made behind the server's back): it is listed as silent.
    await suite.server.withStorage(async (storage) => {
      const agent = await storage.userByUsername('agent');
      await storage.transaction((tx) => tx.devices.claim('dev_tablette0oubliee', agent!.id));
    });

    const admin = await suite.signedIn('admin');
    const page = admin.page;
    await new HomePage(page).waitForForm(FORM);
    await new HomePage(page).waitForOfflineReady();
    await openUsers(page);
    await page
      .getByRole('heading', { name: /^Appareils silencieux depuis plus de 7 jours \(1\)$/ })
      .waitFor();
    await page.getByText('Moussa Maïga — tablette : dernière synchronisation Jamais').waitFor();
    await expectAccessible(page, 'the users page (fr)', ['wcag22aa']);

    // A new agent of the demo project. A weak password is refused, said in French.
    await page.getByLabel('Identifiant', { exact: true }).fill('awa.diallo');
    await page.getByLabel('Mot de passe (facultatif)').fill('court');
    await page.getByLabel('Nom complet').fill(NAME);
    await page.getByLabel('Rôle').first().selectOption({ label: 'Agent' });
    await page
      .getByRole('group', { name: 'Projets' })
      .first()
      .getByLabel(DEMO_PROJECT.title.fr ?? '')
      .check();
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mot de passe trop faible' }).waitFor();
    // No password typed: the server makes one, shown once.
    await page.getByLabel('Mot de passe (facultatif)').fill('');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const password = await oneTimePassword(page, 'awa.diallo');
    await page.locator('li.user-card').filter({ hasText: NAME }).waitFor();
    await saveScreenshot(page, 'users-page-created-fr');

    // Her tablet: she signs in with that password and syncs once.
    const tablet = await suite.device();
    const tabletPage = await tablet.newPage();
    await new SignInPage(tabletPage).open(suite.server.url);
    await new SignInPage(tabletPage).signIn('awa.diallo', password);
    const tabletHome = new HomePage(tabletPage);
    await tabletHome.waitForForm(FORM);
    await SyncBar.of(tabletPage).waitForAllSent(30_000);

    // The admin takes her off the project; the survey she then sends is refused and stays on her tablet,
    // which says so at its next sync: one change unsent.
    await openUsers(page);
    const card = await manage(page, NAME);
    await card.getByLabel(DEMO_PROJECT.title.fr ?? '').uncheck();
    await card.getByRole('button', { name: 'Enregistrer les projets' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Modification enregistrée pour ${NAME}.` })
      .waitFor();
    await new TestDevice(tabletPage, password).seedSubmissions({
      formId: DEMO_FORM.id,
      submissions: [{ answers: DEMO_ANSWERS }],
    });
    await tabletHome.syncNow();
    const { clientId } = await new TestDevice(tabletPage, password).read();
    const reported = () => suite.server.withStorage(async (s) => (await s.devices.get(clientId))?.unsent);
    await expect.poll(reported, { timeout: 30_000 }).toBe(1);

    await openUsers(page);
    const row = page.getByRole('row').filter({ hasText: NAME });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[3]).toBe(packageJson.version);
    expect(cells[4]).toBe('1');
    expect(cells[2]).toMatch(/^\d{1,2} \S+ \d{4}/); // a date in French: 6 déc. 2026 …

    // A password reset: a new one-time password that signs in; the old one no longer does.
    await (await manage(page, NAME)).getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Réinitialiser le mot de passe' })
      .click();
    const next = await oneTimePassword(page, 'awa.diallo');
    expect(next).not.toBe(password);
    const signIn = (p: string) =>
      fetch(`${suite.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'awa.diallo', password: p }),
      }).then((r) => r.status);
    expect(await signIn(password)).toBe(401);
    expect(await signIn(next)).toBe(200);

    // Her tablet is lost: revoked.
    await page.getByRole('button', { name: new RegExp(`^Révoquer l’appareil \\S+ de ${NAME}$`) }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Révoquer' }).click();
    await row.getByText(/^Révoqué le /).waitFor({ timeout: 30_000 });
    expect((await suite.server.withStorage((s) => s.devices.get(clientId)))?.revokedAt).not.toBeNull();

    // And her account disabled.
    await (await manage(page, NAME)).getByRole('button', { name: 'Désactiver' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Désactiver' }).click();
    await page
      .locator('li.user-card')
      .filter({ hasText: NAME })
      .getByText(/· Désactivé$/)
      .waitFor();
    expect(await signIn(next)).toBe(401);
    const actions = await suite.server.withStorage(async (s) =>
      (await s.listAudit(200)).filter((e) => e.address !== null).map((e) => e.action),
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'project.member.remove',
        'user.password_reset',
        'device.revoke',
        'user.disable',
      ]),
    );
    await saveScreenshot(page, 'users-page-fr');

    // In English, dates in English; then offline, the page says it needs the network.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Users and devices' }).waitFor();
    await row.getByText(/^Revoked [A-Z][a-z]{2} \d{1,2}, \d{4}/).waitFor();
    await expectAccessible(page, 'the users page (en)', ['wcag22aa']);
    await admin.context.setOffline(true);
    await page.getByText('Offline: this page reads the server.', { exact: false }).waitFor();
    await saveScreenshot(page, 'users-page-offline-en');
  });

  it('shows a supervisor their projects’ members, and only the roles below theirs', async () => {
    const { page } = await suite.signedIn('supervisor');
    await new HomePage(page).waitForForm(FORM);
    await openUsers(page);
    // The admin's account is seen, not theirs to change; an agent of their project is.
    const adminCard = page.locator('li.user-card').filter({ hasText: 'Administratrice ADN' });
    await adminCard.getByText('Géré par un administrateur.').waitFor();
    const options = await page.getByLabel('Rôle').first().locator('option').allInnerTexts();
    expect(options).toEqual(['Agent', 'Point focal']);
    await (await manage(page, 'Moussa Maïga')).getByRole('button', { name: 'Désactiver' }).waitFor();
    await expectAccessible(page, 'the users page of a supervisor (fr)', ['wcag22aa']);
  });
});
