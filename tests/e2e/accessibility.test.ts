import { describe, it } from 'vitest';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';

/**
 * Every page of the app passes axe-core's WCAG 2.1 A/AA rules, in French, as the people at base and in the
 * field see it: the sign-in page, then each page a supervisor reaches (they see the most), and the form an
 * agent fills.
 */
describe('accessibility of every page', () => {
  const suite = e2eSuite('accessibility');

  it('signs in, then every page of the supervisor passes axe', async () => {
    const context = await suite.device();
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await expectAccessible(page, 'the sign-in page');

    await page.getByLabel("Nom d'utilisateur").fill('supervisor');
    await page.getByLabel('Mot de passe').fill('terrain-demo-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await new HomePage(page).waitForForm(FORM);
    await expectAccessible(page, 'the home page');

    const pages: [string, string][] = [
      ['#/submissions', 'the submissions list'],
      ['#/attention', 'the changes needing attention'],
      ['#/conflicts', 'the edit conflicts'],
      ['#/export', 'the export of unsent data'],
      ['#/import', "the import of a device's file"],
      ['#/projects', 'the project list'],
      [`#/projects/${DEMO_PROJECT.id}`, 'a project'],
      ['#/review', 'the review queue'],
      ['#/reports', 'the reports'],
      ['#/edit/organisations', 'the organisations'],
      ['#/edit/organisations/new', 'a new organisation'],
      [`#/edit/projects/${DEMO_PROJECT.id}`, 'the project editor'],
      [`#/edit/projects/${DEMO_PROJECT.id}/indicators/new`, 'a new indicator'],
    ];
    for (const [hash, what] of pages) {
      await page.goto(`${suite.server.url}/${hash}`);
      await page.locator('main h1').first().waitFor();
      await expectAccessible(page, what);
    }
  });

  it('the form an agent fills passes axe', async () => {
    const { page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.newSubmission(FORM);
    await page.locator('main h1').first().waitFor();
    await expectAccessible(page, 'the form being filled');
  });
});
