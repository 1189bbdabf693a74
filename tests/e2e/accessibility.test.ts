import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { hasRole, type Role } from '../../src/core/records/user';
import { DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';

/** Each route of the app, with the least role whose menu leads there. */
const ROUTES: [hash: string, what: string, role: Role][] = [
  ['#/submissions', 'the submissions list', 'agent'],
  ['#/attention', 'the changes needing attention', 'agent'],
  ['#/export', 'the export of unsent data', 'agent'],
  ['#/import', "the import of a device's file", 'agent'],
  ['#/maps/packs', 'the offline maps', 'agent'],
  [`#/maps/packs/${DEMO_PROJECT.id}`, 'a project’s offline maps', 'agent'],
  ['#/projects', 'the project list', 'focal_point'],
  [`#/projects/${DEMO_PROJECT.id}`, 'a project', 'focal_point'],
  ['#/review', 'the review queue', 'focal_point'],
  [`#/data/${DEMO_PROJECT.id}/${DEMO_FORM.id}`, 'a form’s data table', 'focal_point'],
  [`#/data/${DEMO_PROJECT.id}/${DEMO_FORM.id}/map`, 'a form’s map', 'focal_point'],
  ['#/reports', 'the reports', 'focal_point'],
  ['#/reports/flows', 'the aid-flow report', 'focal_point'],
  ['#/exports', 'the exports', 'focal_point'],
  ['#/conflicts', 'the edit conflicts', 'supervisor'],
  ['#/forms', 'the Forms page', 'supervisor'],
  ['#/users', 'the users and devices', 'supervisor'],
  ['#/usage', 'the use of the database', 'supervisor'],
  ['#/iati', 'the IATI import', 'admin'],
  ['#/edit/organisations', 'the organisations', 'supervisor'],
  ['#/edit/organisations/new', 'a new organisation', 'supervisor'],
  [`#/edit/projects/${DEMO_PROJECT.id}`, 'the project editor', 'supervisor'],
  [`#/edit/projects/${DEMO_PROJECT.id}/indicators/new`, 'a new indicator', 'supervisor'],
];

const USERS: [username: string, role: Role][] = [
  ['agent', 'agent'],
  ['focal', 'focal_point'],
  ['supervisor', 'supervisor'],
  ['admin', 'admin'],
];

async function everyRoute(page: Page, url: string, role: Role, lang: string): Promise<void> {
  await page.locator('section.project li.card').first().waitFor();
  await expectAccessible(page, `the home page (${role}, ${lang})`);
  for (const [hash, what, least] of ROUTES) {
    if (!hasRole(role, least)) continue;
    await page.goto(`${url}/${hash}`);
    await page.locator('main h1').first().waitFor();
    await expectAccessible(page, `${what} (${role}, ${lang})`);
  }
}

/**
 * Every page of the app passes axe-core's WCAG 2.2 A/AA rules, for every role, in French and in English: the
 * sign-in page, then each page the role's menu reaches, and the form an agent fills.
 */
describe('accessibility of every page', () => {
  const suite = e2eSuite('accessibility');

  it('the sign-in page passes axe in French and English', async () => {
    for (const locale of ['fr-FR', 'en-US']) {
      const context = await suite.device({ locale });
      const page = await context.newPage();
      await page.goto(suite.server.url);
      await page.locator('#signin-username').waitFor();
      await expectAccessible(page, `the sign-in page (${locale})`);
      await context.close();
    }
  });

  for (const [username, role] of USERS) {
    it(`every page of the ${role} passes axe, in French then in English`, async () => {
      const { page } = await suite.signedIn(username);
      await everyRoute(page, suite.server.url, role, 'fr');
      await page.goto(`${suite.server.url}/#/`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor();
      await everyRoute(page, suite.server.url, role, 'en');
    });
  }

  it('the form an agent fills passes axe', async () => {
    const { page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.newSubmission(FORM);
    await page.locator('main h1').first().waitFor();
    await expectAccessible(page, 'the form being filled');
  });
});
