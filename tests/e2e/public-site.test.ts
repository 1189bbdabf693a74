import { describe, expect, it } from 'vitest';
import { putServerRecord } from '../../src/server/catalog';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const TITLE = 'Synergie-Nord — Sécurité alimentaire à Gao';

/**
 * The public map of aid (issue 15): an admin publishes a project from its editor; anyone, with no account,
 * then finds it on /public/ (map, list, filters, its page), in French and English; a private project never.
 */
describe('the public map of aid', () => {
  const suite = e2eSuite('public-site');

  it('shows what an admin published, to anyone, and nothing before', async () => {
    // Nothing is public yet.
    const visitor = await (await suite.device()).newPage();
    await visitor.goto(`${suite.server.url}/public/`);
    await visitor.getByRole('heading', { name: 'Carte de l’aide', level: 1 }).waitFor();
    await visitor.getByText('0 projet(s)').waitFor();
    expect(await visitor.getByText(TITLE).count()).toBe(0);

    // The project's aid flows: a commitment and a disbursement in XOF, and the month's dollar rate.
    await suite.server.withStorage((s) =>
      s.transaction(async (tx) => {
        const at = new Date();
        const flow = (id: string, type: string, value: number) => ({
          id,
          projectId: DEMO_PROJECT.id,
          type,
          date: '2026-03-02',
          value,
          currency: 'XOF',
          valueDate: '2026-03-02',
          providerOrgId: null,
          receiverOrgId: null,
          sector: null,
          region: '',
          description: 'ligne interne',
        });
        await putServerRecord(tx, 'transactions', flow('pc1', '2', 12_000_000), null, at);
        await putServerRecord(tx, 'transactions', flow('pd1', '3', 3_000_000), null, at);
        // The reporting organisation's contact: its email and website are public, its person is not shown.
        await putServerRecord(
          tx,
          'organisations',
          {
            id: 'adn',
            name: 'Alliance pour le Développement du Nord (ADN)',
            acronym: 'ADN',
            iatiId: null,
            type: '22',
            contactPerson: 'Fatoumata Maïga',
            contactEmail: 'suivi@adn-mali.example.org',
            contactWebsite: 'https://adn-mali.example.org',
          },
          null,
          at,
        );
        await putServerRecord(
          tx,
          'exchangeRates',
          { id: 'USD:2026-03', currency: 'USD', month: '2026-03', xofPerUnit: 600, source: '' },
          null,
          at,
        );
      }),
    );

    // The admin publishes the demo project, with a place on the map, and syncs.
    const { page } = await suite.signedIn('admin');
    const home = new HomePage(page);
    await home.waitForForm('Enquête ménage');
    await page.evaluate((id) => (window.location.hash = `#/edit/projects/${id}`), DEMO_PROJECT.id);
    await page.getByRole('heading', { name: 'Modifier le projet' }).waitFor();
    await page.getByLabel('Publier sur la carte publique de l’aide').check();
    await expectAccessible(page, 'the project editor with the public switch (admin)');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await home.syncNow();
    await expect
      .poll(
        async () => (await suite.server.withStorage((s) => s.getEntity('projects', DEMO_PROJECT.id)))?.data,
        {
          timeout: 30_000,
        },
      )
      .toMatchObject({ public: true });

    // A visitor with no account finds it: the map, the list, the filters, its page.
    await visitor.reload();
    await visitor.getByText('1 projet(s)').waitFor();
    await visitor.locator('[data-testid="public-map"] canvas').waitFor({ timeout: 30_000 });
    await visitor.getByLabel('Statut').selectOption({ label: 'En cours' });
    await visitor.getByText('1 projet(s)').waitFor();
    await expectAccessible(visitor, 'the public map of aid');
    await saveScreenshot(visitor, 'public-site-fr');
    await visitor.getByRole('link', { name: TITLE }).click();
    await visitor.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await visitor.getByRole('heading', { name: 'Derniers résultats vérifiés' }).waitFor();
    // Its funding, summed by the server: committed and disbursed in XOF and USD, never the transactions.
    await visitor.getByRole('heading', { name: 'Financements' }).waitFor();
    const flows = await visitor.locator('.public-flows').innerText();
    expect(flows).toMatch(/Engagé\s+12\s000\s000\s*F\s?CFA\s*\(20\s000\s*\$US\)/);
    expect(flows).toMatch(/Décaissé\s+3\s000\s000\s*F\s?CFA\s*\(5\s000\s*\$US\)/);
    expect(await visitor.getByText('ligne interne').count()).toBe(0);
    await visitor.getByRole('heading', { name: 'Contact de l’organisation déclarante' }).waitFor();
    await visitor.getByRole('link', { name: 'suivi@adn-mali.example.org' }).waitFor();
    expect(
      await visitor.getByRole('link', { name: 'https://adn-mali.example.org' }).getAttribute('href'),
    ).toBe('https://adn-mali.example.org');
    expect(await visitor.getByText('Fatoumata Maïga').count()).toBe(0);
    await expectAccessible(visitor, 'a public project’s page');
    // Nothing of the signed-in app: no session, no sync bar.
    expect(await visitor.getByRole('region', { name: /synchronisation/i }).count()).toBe(0);

    // In English.
    await visitor.getByRole('button', { name: 'English' }).click();
    await visitor.getByRole('link', { name: 'All projects' }).click();
    await visitor.getByRole('heading', { name: 'Map of aid', level: 1 }).waitFor();
    await expectAccessible(visitor, 'the public map of aid (en)');

    // The feed names it. (The demo project's reporting organisation has no IATI identifier, so the public
    // IATI file leaves it out and says so; tests/server/public covers a valid file.)
    const feed = await visitor.request.get(`${suite.server.url}/public/feed.xml?lang=en`);
    expect(await feed.text()).toContain('Project published: Synergie-Nord — Food security in Gao');
    const iati = await visitor.request.get(`${suite.server.url}/public/iati/activities.xml`);
    expect(iati.status()).toBe(404);
  });
});
