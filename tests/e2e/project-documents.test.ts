import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Project } from '../../src/core/records/project';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const PDF = Buffer.from('%PDF-1.4\n% Terrain: plan de travail\n%%EOF\n');
const SHA = createHash('sha256').update(PDF).digest('hex');

describe('project documents: an admin attaches a file offline, the sync sends it', () => {
  const suite = e2eSuite('project-documents');

  it('attaches offline, shows it waiting, then the record and the bytes reach the server; FR and EN pass axe', async () => {
    const { context, page } = await suite.signedIn('admin');
    const home = new HomePage(page);
    await home.waitForForm('Enquête ménage');
    await home.waitForOfflineReady();
    await context.setOffline(true);
    await page.evaluate((id) => (window.location.hash = `#/projects/${id}`), DEMO_PROJECT.id);
    await page.getByRole('heading', { name: 'Documents', level: 2 }).waitFor();
    await page.getByText('Aucun document pour ce projet.').waitFor();
    await expectAccessible(page, 'the project page with its documents section (fr)');

    await page
      .getByLabel('Fichier')
      .setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('Titre', { exact: true }).fill('Plan de travail 2027');
    await page.getByLabel('Catégorie (IATI)').selectOption('A07');
    await page.getByLabel('Langue').selectOption('fr');
    await page.getByLabel('Date du document (facultatif)').fill('2026-11-30');
    await page.getByLabel('Public (site public et IATI)').check();
    await page.getByRole('button', { name: 'Joindre', exact: true }).click();
    await page.getByText('Document joint. Il sera envoyé à la prochaine synchronisation.').waitFor();
    const row = page.locator('li.card', { hasText: 'Plan de travail 2027' });
    await row.getByText('En attente d’envoi').waitFor();
    await row.getByText('Public', { exact: true }).waitFor();
    // Opened from the device, offline.
    await row.getByRole('button', { name: 'Ouvrir' }).click();
    await row.getByRole('link', { name: 'Enregistrer « plan.pdf »' }).waitFor();
    await expectAccessible(page, 'the project page with a document waiting (fr)');
    await saveScreenshot(page, 'project-documents-fr');

    await context.setOffline(false);
    await home.syncNow();
    await row.getByText('En attente d’envoi').waitFor({ state: 'detached', timeout: 30_000 });
    const onServer = async () =>
      suite.server.withStorage(async (s) => {
        const [entity] = await s.getEntities('projects', [DEMO_PROJECT.id]);
        const admin = await s.userByUsername('admin');
        const upload = await s.media.getUpload(SHA, admin!.id);
        const documents = Project.parse(entity!.data).documents;
        return {
          documents: documents.map((d) => [d.title, d.category, d.public]),
          sent: !!upload?.completedAt,
        };
      });
    await expect
      .poll(onServer, { timeout: 30_000 })
      .toEqual({ documents: [['Plan de travail 2027', 'A07', true]], sent: true });

    // Published with its project: the public site lists it and serves its bytes, to anyone.
    await page.evaluate((id) => (window.location.hash = `#/edit/projects/${id}`), DEMO_PROJECT.id);
    await page.getByRole('heading', { name: 'Modifier le projet' }).waitFor();
    await page.getByLabel('Publier sur la carte publique de l’aide').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'Documents', level: 2 }).waitFor();
    await home.syncNow();
    const visitor = await (await suite.device()).newPage();
    await expect
      .poll(
        async () => {
          await visitor.goto(`${suite.server.url}/public/#/projects/${DEMO_PROJECT.id}`);
          await visitor.locator('article.public-project h1').waitFor();
          return visitor.getByRole('heading', { name: 'Documents publiés' }).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    const link = visitor.getByRole('link', { name: 'Plan de travail 2027' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/public/projects/${DEMO_PROJECT.id}/documents/${SHA}`);
    const served = await visitor.request.get(`${suite.server.url}${href}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await served.body())).toEqual(PDF);
    await expectAccessible(visitor, 'the public project page with its documents (fr)');
    await page.evaluate((id) => (window.location.hash = `#/projects/${id}`), DEMO_PROJECT.id);

    // In English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Documents', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Attach', exact: true }).waitFor();
    await expectAccessible(page, 'the project page with a document (en)');
    // The admin takes the document off the public site: said as such.
    const enRow = page.locator('li.card', { hasText: 'Plan de travail 2027' });
    // A click (the box follows the saved record, a moment later).
    await enRow.getByLabel('Public (public site and IATI)').click();
    await page.getByText('Document publication changed. It will be sent at the next sync.').waitFor();
    await enRow.getByText('Public', { exact: true }).waitFor({ state: 'detached' });
  });
});
